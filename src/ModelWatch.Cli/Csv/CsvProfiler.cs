using System.Globalization;
using ModelWatch.Profiles;
using nietras.SeparatedValues;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// Profiles a CSV file in one streaming pass with bounded memory: a header row, then per row the
/// numeric cells into moments and quantile sketches and the categorical cells into category counts.
/// </summary>
/// <remarks>
/// <para>
/// <b>Inference.</b> While some column's kind is undecided, the first
/// <see cref="CsvReadOptions.InferenceRows"/> rows are profiled on the reading thread, feeding an
/// undecided column into both a numeric and a categorical accumulator; the column is numeric when
/// every non-empty cell parsed as a number (and at least one did), and the other accumulator is
/// dropped. No row is read twice, so standard input works.
/// </para>
/// <para>
/// <b>Two cores.</b> Then the reading thread splits rows (Sep), parses the numeric cells
/// (csFastFloat) into column-major batches of up to <see cref="NumericSink.MaxBatchRows"/> rows and counts the
/// categorical cells, while a second thread adds each finished batch to the moments and quantile
/// sketches (<see cref="NumericSink"/>). Every column still sees its values in row order, so the
/// profile is exactly the one a sequential <see cref="ProfileBuilder"/> builds from the same rows,
/// on any number of cores.
/// </para>
/// </remarks>
internal static class CsvProfiler
{
    private const int ProgressEveryRows = 1 << 14;

    /// <summary>Profiles <paramref name="input"/>.</summary>
    /// <exception cref="CliException">The file is empty or has a malformed row (without <see cref="CsvReadOptions.SkipBadRows"/>), or the options do not fit its header.</exception>
    public static CsvProfileResult Read(CsvInput input, CsvReadOptions options, ProgressReporter? progress = null)
    {
        using var rows = new CsvRowReader(input, options);
        var plan = ColumnPlan.Create(rows.ReadHeader(), options, input.Name);
        var segments = CsvSegments.Create(plan, options, input.Name);
        var state = new State(plan, options, input.Name, segments);
        state.Infer(rows, progress, input);
        state.ReadRest(rows, progress, input);
        progress?.Done();
        return state.Result();
    }

    /// <summary>The profiler's working state: columns, accumulators, counts.</summary>
    private sealed class State
    {
        private readonly ColumnPlan _plan;
        private readonly CsvReadOptions _options;
        private readonly string _source;
        private readonly int _columnCount;
        private readonly FeatureProfile?[] _profiles;
        private readonly BadRowLog _badRows = new();
        private readonly List<string> _inferred = [];
        private readonly CsvSegments? _segments;

        private long _rows;
        private long _read;

        public State(ColumnPlan plan, CsvReadOptions options, string source, CsvSegments? segments)
        {
            _segments = segments;
            _plan = plan;
            _options = options;
            _source = source;
            _columnCount = plan.Names.Length;
            _profiles = new FeatureProfile?[_columnCount];
            for (int i = 0; i < _columnCount; i++)
            {
                _profiles[i] = plan.Roles[i] is ColumnRole.Numeric or ColumnRole.Categorical ? NewColumn(i, plan.Roles[i]) : null;
            }
        }

        /// <summary>Reads the first rows while some column's kind is undecided, feeding undecided columns both ways.</summary>
        public void Infer(CsvRowReader rows, ProgressReporter? progress, CsvInput input)
        {
            int[] undecided = Columns(ColumnRole.Undecided);
            if (undecided.Length == 0)
            {
                _segments?.Start(NewSegmentColumns);
                return;
            }

            // With segments, the rows read while kinds are inferred are kept as text (at most
            // InferenceRows of them) and added to their segments once every column's kind is known.
            var kept = _segments is null ? null : new List<string[]>();

            var asNumber = undecided.Select(i => NewColumn(i, ColumnRole.Numeric)).ToArray();
            var asText = undecided.Select(i => NewColumn(i, ColumnRole.Categorical)).ToArray();
            bool[] numeric = [.. undecided.Select(_ => true)];
            bool[] sawNumber = new bool[undecided.Length];
            int[] fixedNumeric = Columns(ColumnRole.Numeric);
            int[] fixedCategorical = Columns(ColumnRole.Categorical);
            var values = new double[fixedNumeric.Length];
            while (_rows < _options.InferenceRows && rows.MoveNext())
            {
                var row = rows.Current;
                _read++;
                if (!CheckShape(rows) || !ParseNumeric(row, rows.Line, fixedNumeric, values, 0, 1))
                {
                    continue;
                }

                for (int j = 0; j < fixedNumeric.Length; j++)
                {
                    _profiles[fixedNumeric[j]]!.Add(values[j]);
                }

                foreach (int i in fixedCategorical)
                {
                    _profiles[i]!.Categories!.Add(row[i].Span);
                }

                for (int j = 0; j < undecided.Length; j++)
                {
                    var cell = row[undecided[j]].Span;
                    if (numeric[j])
                    {
                        if (NumberParser.TryParse(cell, out double v))
                        {
                            asNumber[j].Add(v);
                            sawNumber[j] |= !cell.IsWhiteSpace();
                        }
                        else
                        {
                            numeric[j] = false;
                        }
                    }

                    asText[j].Categories!.Add(cell);
                }

                if (kept is not null)
                {
                    var cells = new string[_columnCount];
                    for (int i = 0; i < _columnCount; i++)
                    {
                        cells[i] = _plan.Roles[i] == ColumnRole.Ignored ? string.Empty : row[i].ToString();
                    }

                    kept.Add(cells);
                }

                _rows++;
                progress?.Tick(_read, input.Progress);
            }

            for (int j = 0; j < undecided.Length; j++)
            {
                int i = undecided[j];
                bool isNumeric = numeric[j] && sawNumber[j];
                _plan.Roles[i] = isNumeric ? ColumnRole.Numeric : ColumnRole.Categorical;
                _profiles[i] = isNumeric ? asNumber[j] : asText[j];
                _inferred.Add($"{_plan.Names[i]} ({(isNumeric ? "numeric" : "categorical")})");
            }

            if (_segments is not null)
            {
                _segments.Start(NewSegmentColumns);
                foreach (var cells in kept!)
                {
                    AddToSegment(cells);
                }
            }
        }

        /// <summary>A segment's column profiles, in the whole profile's column order (kinds decided).</summary>
        private FeatureProfile[] NewSegmentColumns() =>
            [.. Enumerable.Range(0, _columnCount).Where(i => _profiles[i] is not null).Select(i => NewColumn(i, _plan.Roles[i]))];

        /// <summary>Adds a row read during inference to its segment (every cell parsed as its column's kind: the whole profile accepted the row).</summary>
        private void AddToSegment(string[] cells)
        {
            var profiles = _segments!.Profiles[_segments.SlotOf(cells)]!;
            int k = 0;
            for (int i = 0; i < _columnCount; i++)
            {
                if (_profiles[i] is null)
                {
                    continue;
                }

                if (_plan.Roles[i] == ColumnRole.Numeric)
                {
                    if (NumberParser.TryParse(cells[i], out double v))
                    {
                        profiles[k].Add(v);
                    }
                }
                else
                {
                    profiles[k].Categories!.Add(cells[i].AsSpan());
                }

                k++;
            }
        }

        /// <summary>Reads the remaining rows with every column's kind fixed: parses them here, adds the numbers on the second core.</summary>
        public void ReadRest(CsvRowReader rows, ProgressReporter? progress, CsvInput input)
        {
            int[] numeric = Columns(ColumnRole.Numeric);
            int[] categorical = Columns(ColumnRole.Categorical);
            int[] profiled = [.. Enumerable.Range(0, _columnCount).Where(i => _profiles[i] is not null)];
            int[] segmentNumeric = [.. numeric.Select(i => Array.IndexOf(profiled, i))];
            int[] segmentCategorical = [.. categorical.Select(i => Array.IndexOf(profiled, i))];
            using var sink = new NumericSink([.. numeric.Select(i => _profiles[i]!)], _options.Pipelined, _segments, segmentNumeric);
            var batch = sink.First;
            int filled = 0;
            while (rows.MoveNext())
            {
                var row = rows.Current;
                if (!CheckShape(rows) || !ParseNumeric(row, rows.Line, numeric, batch, filled, sink.RowsPerBatch))
                {
                    continue;
                }

                foreach (int i in categorical)
                {
                    _profiles[i]!.Categories!.Add(row[i].Span);
                }

                if (_segments is not null)
                {
                    int slot = _segments.SlotOf(row);
                    batch[(sink.SegmentColumn * sink.RowsPerBatch) + filled] = slot;
                    var profiles = _segments.Profiles[slot]!;
                    for (int j = 0; j < categorical.Length; j++)
                    {
                        profiles[segmentCategorical[j]].Categories!.Add(row[categorical[j]].Span);
                    }
                }

                _rows++;
                if (++filled == sink.RowsPerBatch)
                {
                    batch = sink.Submit(batch, filled);
                    filled = 0;
                }

                if ((++_read & (ProgressEveryRows - 1)) == 0)
                {
                    progress?.Tick(_read, input.Progress);
                }
            }

            sink.Submit(batch, filled);
            sink.Complete();
        }

        public CsvProfileResult Result()
        {
            var profile = new Profile(ProfileKind.Dataset, _profiles.Where(p => p is not null).Select(p => p!)) { Rows = _rows };
            _segments?.AddTo(profile);
            return new CsvProfileResult(profile, _badRows.Count, _badRows.First, _inferred);
        }

        /// <summary>False (after counting, or throwing) when the current row has a quote that is never closed or a field count different from the header's.</summary>
        private bool CheckShape(CsvRowReader rows)
        {
            var row = rows.Current;
            if (rows.UnclosedQuote is null && row.ColCount == _columnCount)
            {
                return true;
            }

            var bad = rows.UnclosedQuote ?? new BadRow(rows.Line, $"expected {_columnCount} fields as in the header, found {row.ColCount}");
            if (!_options.SkipBadRows)
            {
                throw Malformed(bad.Line, bad.Reason);
            }

            _badRows.Add(bad.Line, bad.Reason);
            return false;
        }

        /// <summary>Parses the numeric cells of a row into column-major <paramref name="values"/> (column j's at [j × stride + at]); false (after counting, or throwing) when one is not a number.</summary>
        private bool ParseNumeric(SepReader.Row row, long line, int[] columns, double[] values, int at, int stride)
        {
            for (int j = 0; j < columns.Length; j++)
            {
                var cell = row[columns[j]].Span;
                if (!NumberParser.TryParse(cell, out values[(j * stride) + at]))
                {
                    string reason = BadRowLog.NotANumber(_plan.Names[columns[j]], cell);
                    if (!_options.SkipBadRows)
                    {
                        throw Malformed(line, reason);
                    }

                    _badRows.Add(line, reason);
                    return false;
                }
            }

            return true;
        }

        private CliException Malformed(long line, string reason) =>
            new($"{_source}, line {line.ToString(CultureInfo.InvariantCulture)}: {reason}. Fix the row, or skip such rows with --skip-bad-rows.");

        private FeatureProfile NewColumn(int i, ColumnRole role) => role == ColumnRole.Numeric
            ? FeatureProfile.Numeric(_plan.Names[i], _plan.IsPrediction[i], _options.SketchK)
            : FeatureProfile.Categorical(_plan.Names[i], _plan.IsPrediction[i]);

        private int[] Columns(ColumnRole role) => [.. Enumerable.Range(0, _columnCount).Where(i => _plan.Roles[i] == role)];
    }
}
