using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Drift;
using ModelWatch.Parquet.Tests.TestSupport;
using ModelWatch.Profiles;
using ParquetSharp;
using ParquetSharp.Schema;

namespace ModelWatch.Parquet.Tests;

/// <summary>Which columns are read, as what, and the clear errors for the ones that cannot be.</summary>
public sealed class ColumnSelectionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ListAndStructColumns_AreRefused_NamingTheColumnAndItsType_UnlessLeftOut()
    {
        string path = WriteNested();

        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path));
        Assert.Equal($"{path}: column 'tags' is a list (nested); ModelWatch profiles flat columns of numbers, text and booleans; --ignore tags leaves it out.", error.Message);

        error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Ignore = ["tags"] }));
        Assert.Contains("column 'point' is a struct of 2 fields (nested)", error.Message, StringComparison.Ordinal);

        var profile = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Ignore = ["tags", "point"] });
        Assert.Equal(["x"], profile.Features.Select(f => f.Name));
        Assert.Equal(3, profile.Rows);

        var selected = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Columns = ["x"] });
        Assert.Equal(ProfileBytes.Of(profile), ProfileBytes.Of(selected));
    }

    [Fact]
    public void Timestamps_AreRefused_UnlessLeftOut()
    {
        // A timestamp moves with time, so its "drift" says nothing about the model's inputs: it is
        // refused with the way out rather than profiled as a number.
        string path = new Table()
            .Add("at", new[] { new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) }, _ => null)
            .Add("x", new[] { 1.0, 2.0 }, _ => null)
            .WriteParquet(_temp.File("t.parquet"), 10);

        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path));
        Assert.Equal($"{path}: column 'at' has type timestamp (microseconds, UTC), which ModelWatch does not profile; --ignore at leaves it out.", error.Message);
        Assert.Equal(2, ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Ignore = ["at"] }).Find("x")!.Count);
    }

    [Theory]
    [InlineData("date", "date")]
    [InlineData("bytes", "binary (no string annotation)")]
    [InlineData("money", "decimal stored as fixed-length bytes")]
    public void OtherUnsupportedTypes_AreRefused_NamingTheType(string column, string type)
    {
        string path = new Table()
            .Add("date", new[] { new Date(2026, 1, 1) }, _ => null)
            .Add("bytes", new[] { new byte[] { 1, 2 } }, _ => null)
            .Add("money", new[] { 1.25m }, _ => null, LogicalType.Decimal(29, 2))
            .WriteParquet(_temp.File("u.parquet"), 10);

        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Columns = [column] }));
        Assert.Contains($"column '{column}' has type {type}, which ModelWatch does not profile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntegerCodes_CanBeCategorical_AndCountedByTheirDecimalText()
    {
        string path = new Table()
            .Add("zip", new[] { 10115, 10115, 80331 }, _ => null)
            .Add("code", new long?[] { -7, null, 9_000_000_000 }, _ => null)
            .WriteParquet(_temp.File("z.parquet"), 10);

        var profile = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Categorical = ["zip", "code"] });

        var zip = profile.Find("zip")!;
        Assert.Equal(FeatureKind.Categorical, zip.Kind);
        Assert.Equal((2L, 1L), (zip.Categories!.EstimateCount("10115"), zip.Categories.EstimateCount("80331")));
        var code = profile.Find("code")!;
        Assert.Equal((1L, 1L, 1L), (code.Categories!.EstimateCount("-7"), code.Categories.EstimateCount("9000000000"), code.MissingCount));
    }

    [Fact]
    public void KindsTheTypeCannotHold_AreRefused()
    {
        string path = Data.Simple(10, 0, 1).WriteParquet(_temp.File("s.parquet"), 10);

        var numeric = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Numeric = ["k"] }));
        Assert.Equal($"--numeric: column 'k' of {path} is string; only floating-point, integer and decimal columns can be numeric.", numeric.Message);
        var categorical = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Categorical = ["a"] }));
        Assert.Equal($"--categorical: column 'a' of {path} is double; only string, enum, boolean and integer columns can be categorical.", categorical.Message);
    }

    [Fact]
    public void OptionsNamingColumnsTheFileLacks_OrOneColumnTwice_AreRefused()
    {
        string path = Data.Simple(10, 0, 1).WriteParquet(_temp.File("s.parquet"), 10);

        Assert.Equal(
            $"--ignore: {path} has no column 'zz' (its columns: 'a', 'c', 'k').",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Ignore = ["zz"] })).Message);
        Assert.Equal(
            "Column 'a' is given to both --numeric and --ignore.",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Numeric = ["a"], Ignore = ["a"] })).Message);
        Assert.Equal(
            "Column 'c' is given to both --columns and --ignore.",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Columns = ["c"], Ignore = ["c"] })).Message);
        Assert.Equal(
            $"{path}: no column left to profile.",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Ignore = ["a", "c", "k"] })).Message);
    }

    [Fact]
    public void ThePrediction_IsTheColumnNamedPrediction_OrTheOneNamed()
    {
        string path = new Table()
            .Add("x", new[] { 1.0, 2.0 }, _ => null)
            .Add("prediction", new[] { 0.5, 0.7 }, _ => null)
            .Add("score", new[] { 0.1, 0.2 }, _ => null)
            .WriteParquet(_temp.File("p.parquet"), 10);

        Assert.True(ParquetProfiler.ProfileFile(path).Find("prediction")!.IsPrediction);
        var named = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Prediction = "score", Ignore = ["prediction"] });
        Assert.True(named.Find("score")!.IsPrediction);
        Assert.False(named.Find("x")!.IsPrediction);
        var selected = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { Columns = ["x"] });
        Assert.Equal(["x"], selected.Features.Select(f => f.Name));
    }

    [Fact]
    public void AReferencesColumns_DecideWhatIsRead_OtherColumnsIgnoredEvenNested()
    {
        string path = WriteNested();
        var reference = new Profile(ProfileKind.Dataset, [FeatureProfile.Numeric("x")]);

        var profile = ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { ColumnsFrom = reference, Ignore = ["ignored-with-a-reference"] });
        Assert.Equal(["x"], profile.Features.Select(f => f.Name));

        var missing = new Profile(ProfileKind.Dataset, [FeatureProfile.Numeric("x"), FeatureProfile.Numeric("y")]);
        Assert.Equal(
            $"{path}: no column 'y', which the reference profile has (the file's columns: 'x', 'tags', 'point').",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { ColumnsFrom = missing })).Message);

        var otherKind = new Profile(ProfileKind.Dataset, [FeatureProfile.Categorical("x")]);
        Assert.Equal(
            $"{path}: column 'x' is double, but the reference profile has it categorical.",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { ColumnsFrom = otherKind })).Message);
    }

    [Fact]
    public void MissingFiles_OtherFiles_AndDamagedFiles_AreRefusedWithTheirName()
    {
        string missing = _temp.File("missing.parquet");
        Assert.Equal($"{missing}: no such file.", Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(missing)).Message);

        string csv = _temp.Write("data.parquet", "a,b\n1,2\n");
        Assert.StartsWith($"{csv}: not a Parquet file, or damaged (", Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(csv)).Message, StringComparison.Ordinal);

        // Cut in the middle of the data pages, with a valid footer copied back: the damage shows while reading.
        string whole = Data.Simple(5_000, 0, 1).WriteParquet(_temp.File("whole.parquet"), 5_000, b => b.Compression(Compression.Uncompressed));
        byte[] bytes = File.ReadAllBytes(whole);
        string truncated = _temp.File("truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.StartsWith($"{truncated}: not a Parquet file, or damaged (", Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(truncated)).Message, StringComparison.Ordinal);

        byte[] garbled = (byte[])bytes.Clone();
        Array.Fill(garbled, (byte)0xFF, 4, bytes.Length / 3);
        string damaged = _temp.File("damaged.parquet");
        File.WriteAllBytes(damaged, garbled);
        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(damaged));
        Assert.StartsWith($"{damaged}: cannot be read: column 'a', row group 0: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyColumns_AreRefusedBeforeAnyIsSetUp()
    {
        string path = Data.Simple(10, 0, 1).WriteParquet(_temp.File("s.parquet"), 10);
        Assert.Equal(
            $"{path}: 3 columns, more than the 2 allowed (--max-columns).",
            Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(path, new ParquetProfileOptions { MaxColumns = 2 })).Message);
    }

    /// <summary>x: double; tags: list of strings; point: struct of two doubles.</summary>
    private string WriteNested()
    {
        string path = _temp.File("nested.parquet");
        using var x = new PrimitiveNode("x", Repetition.Required, LogicalType.None(), PhysicalType.Double);
        using var element = new PrimitiveNode("element", Repetition.Optional, LogicalType.String(), PhysicalType.ByteArray);
        using var list = new GroupNode("list", Repetition.Repeated, [element]);
        using var tags = new GroupNode("tags", Repetition.Optional, [list], LogicalType.List());
        using var px = new PrimitiveNode("px", Repetition.Required, LogicalType.None(), PhysicalType.Double);
        using var py = new PrimitiveNode("py", Repetition.Required, LogicalType.None(), PhysicalType.Double);
        using var point = new GroupNode("point", Repetition.Required, [px, py]);
        using var schema = new GroupNode("schema", Repetition.Required, [x, tags, point]);
        using var properties = new WriterPropertiesBuilder().Build();
        using var file = new ParquetFileWriter(path, schema, properties);
        using (var rowGroup = file.AppendRowGroup())
        {
            using (var writer = rowGroup.NextColumn().LogicalWriter<double>())
            {
                writer.WriteBatch([1.0, 2.0, 3.0]);
            }

            using (var writer = rowGroup.NextColumn().LogicalWriter<string?[]?>())
            {
                writer.WriteBatch([["a", "b"], null, []]);
            }

            using (var writer = rowGroup.NextColumn().LogicalWriter<Nested<double>>())
            {
                writer.WriteBatch([new(0.5), new(0.6), new(0.7)]);
            }

            using (var writer = rowGroup.NextColumn().LogicalWriter<Nested<double>>())
            {
                writer.WriteBatch([new(1.5), new(1.6), new(1.7)]);
            }
        }

        file.Close();
        return path;
    }
}
