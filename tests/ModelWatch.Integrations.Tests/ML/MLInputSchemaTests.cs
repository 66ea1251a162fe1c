using Microsoft.ML.Data;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.ML;
using ModelWatch.Monitoring;

namespace ModelWatch.Integrations.Tests.ML;

public sealed class MLInputSchemaTests
{
    [Fact]
    public void Create_WeatherInput_FourNumericFeaturesInDeclarationOrder()
    {
        var schema = MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options());

        Assert.Equal(WeatherMonitoring.Features, schema.NumericFeatures.ToArray());
        Assert.Empty(schema.CategoricalFeatures.ToArray());
    }

    [Fact]
    public void Create_LabelNotExcluded_IsACategoricalFeature()
    {
        var schema = MLInputSchema.Create<WeatherInput>();

        Assert.Equal(["weather"], schema.CategoricalFeatures.ToArray());
    }

    [Fact]
    public void Create_MixedColumns_ExpandsVectorsAndMakesTextAndBooleansCategorical()
    {
        var schema = MLInputSchema.Create<Mixed>();

        Assert.Equal(["Age", "emb[0]", "emb[1]", "emb[2]", "Count"], schema.NumericFeatures.ToArray());
        Assert.Equal(["Plan", "Active", "City"], schema.CategoricalFeatures.ToArray());
    }

    [Fact]
    public void Map_MixedColumns_WritesEveryValueInSchemaOrder()
    {
        var schema = MLInputSchema.Create<Mixed>();
        var numeric = new double[5];
        var categorical = new string?[3];

        schema.Map(new Mixed { Age = 41.5f, Embedding = [1, 2, 3], Count = 7, Plan = "gold", Active = true, City = "Oslo".AsMemory() }, numeric, categorical);

        Assert.Equal([41.5, 1, 2, 3, 7], numeric);
        Assert.Equal<string?>(["gold", "true", "Oslo"], categorical.AsEnumerable());
    }

    [Fact]
    public void Map_VectorNullOrOfWrongLength_WritesMissingValues()
    {
        var schema = MLInputSchema.Create<Mixed>();
        var numeric = new double[5];
        var categorical = new string?[3];

        schema.Map(new Mixed { Embedding = null }, numeric, categorical);
        Assert.Equal([0, double.NaN, double.NaN, double.NaN, 0], numeric);

        schema.Map(new Mixed { Embedding = [1, 2] }, numeric, categorical);
        Assert.Equal([0, double.NaN, double.NaN, double.NaN, 0], numeric);
    }

    [Fact]
    public void Map_AfterWarmUp_AllocatesNothing()
    {
        var schema = MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options());
        var input = new WeatherInput { Precipitation = 1, TempMax = 20, TempMin = 10, Wind = 3 };
        var numeric = new double[4];
        schema.Map(input, numeric, []);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            schema.Map(input, numeric, []);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Create_UnsupportedColumn_RefusesNamingTheColumnAndTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => MLInputSchema.Create<WithDate>());

        Assert.Contains("'When'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExcludedColumns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnsupportedColumnExcluded_Succeeds()
    {
        var options = new MLMonitoringOptions();
        options.ExcludedColumns.Add("When");

        var schema = MLInputSchema.Create<WithDate>(options);

        Assert.Equal(["Value"], schema.NumericFeatures.ToArray());
    }

    [Fact]
    public void Create_ArrayWithoutVectorType_AsksForTheSize()
    {
        var error = Assert.Throws<ArgumentException>(() => MLInputSchema.Create<WithUnsizedArray>());

        Assert.Contains("[VectorType(n)]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnlyExcludedColumns_RefusesAnEmptySchema()
    {
        Assert.Throws<ArgumentException>(() => MLInputSchema.Create<OnlyLabel>());
    }

    [Fact]
    public void ToModelSchema_Categorical_AddsThePredictionColumn()
    {
        var schema = MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options()).ToModelSchema(PredictionKind.Categorical);

        Assert.Equal([ModelSchema.PredictionColumn], schema.CategoricalColumns.ToArray());
    }

    private sealed class Mixed
    {
        [NoColumn]
        public string Ignored = "x";

        public float Age { get; set; }

        [ColumnName("emb")]
        [VectorType(3)]
        public float[]? Embedding { get; set; } = [0, 0, 0];

        public string Plan { get; set; } = "";

        public bool Active { get; set; }

        public ReadOnlyMemory<char> City { get; set; }

        public long Count { get; set; }

        public float Label { get; set; }
    }

    private sealed class WithDate
    {
        public DateTime When { get; set; }

        public double Value { get; set; }
    }

    private sealed class WithUnsizedArray
    {
        public float[] Values { get; set; } = [];
    }

    private sealed class OnlyLabel
    {
        public float Label { get; set; }
    }
}
