namespace ModelWatch.Estimation;

/// <summary>The fit from the co-moments: the encoder and the covariance of the standardised rows, as from the rows themselves.</summary>
internal sealed partial class EncodedCoMoments
{
    /// <summary>
    /// The preprocessing (imputation, frequency encoding, standardisation) and the covariance of the
    /// standardised rows, as <see cref="FeatureEncoder.Fit"/> and <see cref="PrincipalSubspace.Fit"/> compute
    /// them from the rows.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than two rows, a column without any value, or a categorical column with too many categories.</exception>
    public (FeatureEncoder Encoder, double[,] Covariance) Fit()
    {
        if (Rows < 2)
        {
            throw new InvalidOperationException($"The reference has {Rows} usable rows; a covariance needs at least two.");
        }

        if (OverflowColumn >= 0)
        {
            throw new InvalidOperationException($"Categorical column {OverflowColumn} has more than {MaxCategories} categories: a reference gathered in the process cannot encode it; fit the detector on reference rows instead.");
        }

        int width = _numeric + _categorical;
        var means = new double[_numeric];
        for (int a = 0; a < _numeric; a++)
        {
            int diagonal = Pair(a, a);
            if (_pairCount[diagonal] == 0)
            {
                throw new InvalidOperationException($"Numeric column {a} has no value in the reference.");
            }

            means[a] = _pairMeanA[diagonal];
        }

        var modes = new string[_categorical];
        var frequencies = new Dictionary<string, double>[_categorical];
        var slotFrequency = new double[_categorical][];
        var encodedMean = new double[width];
        Array.Copy(means, encodedMean, _numeric);
        for (int j = 0; j < _categorical; j++)
        {
            var names = _names[j];
            if (names.Count == 0)
            {
                throw new InvalidOperationException($"Categorical column {j} has no value in the reference.");
            }

            int mode = Enumerable.Range(0, names.Count)
                .OrderByDescending(s => _categoryCount[(j * Slots) + s]).ThenBy(s => names[s], StringComparer.Ordinal).First();
            modes[j] = names[mode];
            slotFrequency[j] = new double[Slots];
            frequencies[j] = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int s = 0; s < names.Count; s++)
            {
                long count = _categoryCount[(j * Slots) + s] + (s == mode ? _categoryCount[(j * Slots) + MissingSlot] : 0);
                slotFrequency[j][s] = (double)count / Rows;
                frequencies[j][names[s]] = slotFrequency[j][s];
            }

            slotFrequency[j][MissingSlot] = slotFrequency[j][mode];
            double sum = 0;
            for (int s = 0; s < Slots; s++)
            {
                sum += _categoryCount[(j * Slots) + s] * slotFrequency[j][s];
            }

            encodedMean[_numeric + j] = sum / Rows;
        }

        var co = CoMomentMatrix(means, slotFrequency, encodedMean);
        var scale = new double[width];
        for (int c = 0; c < width; c++)
        {
            scale[c] = FeatureEncoder.ScaleOf(Rows, encodedMean[c], co[c, c] / Rows);
        }

        var covariance = new double[width, width];
        for (int a = 0; a < width; a++)
        {
            for (int b = 0; b < width; b++)
            {
                covariance[a, b] = co[a, b] / (scale[a] * scale[b] * (Rows - 1));
            }
        }

        var encoder = FeatureEncoder.FromParts(means, modes, frequencies, encodedMean, scale);
        return (encoder, covariance);
    }

    /// <summary>Σ over rows of (z_a − mean_a)(z_b − mean_b) for the encoded, imputed columns.</summary>
    private double[,] CoMomentMatrix(double[] means, double[][] slotFrequency, double[] encodedMean)
    {
        int width = _numeric + _categorical;
        var co = new double[width, width];
        for (int a = 0; a < _numeric; a++)
        {
            for (int b = a; b < _numeric; b++)
            {
                int pair = Pair(a, b);
                co[a, b] = _pairCo[pair] + (_pairCount[pair] * (_pairMeanA[pair] - means[a]) * (_pairMeanB[pair] - means[b]));
            }

            for (int j = 0; j < _categorical; j++)
            {
                double sum = 0;
                for (int s = 0; s < Slots; s++)
                {
                    int k = Cross(a, j, s);
                    if (_crossCount[k] > 0)
                    {
                        sum += (slotFrequency[j][s] - encodedMean[_numeric + j]) * _crossCount[k] * (_crossMean[k] - means[a]);
                    }
                }

                co[a, _numeric + j] = sum;
            }
        }

        for (int j = 0; j < _categorical; j++)
        {
            double sum = 0;
            for (int s = 0; s < Slots; s++)
            {
                double d = slotFrequency[j][s] - encodedMean[_numeric + j];
                sum += _categoryCount[(j * Slots) + s] * d * d;
            }

            co[_numeric + j, _numeric + j] = sum;
        }

        foreach (var (key, count) in _joint)
        {
            var (i, j, si, sj) = SplitJointKey(key);
            co[_numeric + i, _numeric + j] += count * (slotFrequency[i][si] - encodedMean[_numeric + i]) * (slotFrequency[j][sj] - encodedMean[_numeric + j]);
        }

        for (int a = 0; a < width; a++)
        {
            for (int b = 0; b < a; b++)
            {
                co[a, b] = co[b, a];
            }
        }

        return co;
    }
}
