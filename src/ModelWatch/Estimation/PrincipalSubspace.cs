using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ModelWatch.Estimation;

/// <summary>
/// The leading principal components of standardised reference rows, and the distance of a row from the
/// subspace they span: the reconstruction error of NannyML's <c>DataReconstructionDriftCalculator</c>.
/// </summary>
/// <remarks>
/// The components are eigenvectors of the covariance (Z − μ)ᵀ(Z − μ) / (N − 1), as scikit-learn's
/// <c>covariance_eigh</c> solver (scikit-learn ≥ 1.5 for tall data) and a streaming covariance would
/// give; scikit-learn's full SVD gives the same subspace. The error ‖z − (μ + VVᵀ(z − μ))‖ does not
/// depend on the sign or the rotation of the eigenvectors within the subspace, so it agrees across
/// solvers to rounding. The component count is scikit-learn's rule for a float <c>n_components</c>: the
/// fewest leading components whose cumulative explained-variance ratio exceeds the share to keep.
/// </remarks>
internal sealed class PrincipalSubspace
{
    private readonly double[] _center;
    private readonly double[][] _components;

    private PrincipalSubspace(double[] center, double[][] components, double[][] complement, double[] explainedVarianceRatio)
    {
        _center = center;
        _components = components;
        Complement = complement;
        ExplainedVarianceRatio = explainedVarianceRatio;
    }

    /// <summary>Gets the mean of the standardised reference rows.</summary>
    public IReadOnlyList<double> Center => _center;

    /// <summary>
    /// Gets the eigenvectors not kept: with the kept ones an orthonormal basis, so a row's reconstruction
    /// error is also the length of its projection onto these (a sum of squares, without the cancellation
    /// of ‖c‖² − ‖Vᵀc‖²). The runtime scores rows this way (<see cref="ReconstructionScorer"/>).
    /// </summary>
    public double[][] Complement { get; }

    /// <summary>Gets the explained-variance ratio of every component, descending.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    public int ComponentCount => _components.Length;

    public static PrincipalSubspace Fit(double[][] z, double varianceToKeep)
    {
        int n = z.Length;
        int p = z[0].Length;
        var center = new double[p];
        for (int j = 0; j < p; j++)
        {
            double sum = 0;
            for (int row = 0; row < n; row++)
            {
                sum += z[row][j];
            }

            center[j] = sum / n;
        }

        var covariance = new double[p, p];
        var centered = new double[p];
        for (int row = 0; row < n; row++)
        {
            for (int j = 0; j < p; j++)
            {
                centered[j] = z[row][j] - center[j];
            }

            for (int a = 0; a < p; a++)
            {
                for (int b = a; b < p; b++)
                {
                    covariance[a, b] += centered[a] * centered[b];
                }
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                covariance[a, b] /= n - 1;
                covariance[b, a] = covariance[a, b];
            }
        }

        return FromCovariance(center, covariance, varianceToKeep);
    }

    /// <summary>
    /// The components of a covariance matrix already computed (a streaming fit: <see cref="EncodedCoMoments"/>),
    /// with the rows' mean as the centre; the component count follows the same rule as <see cref="Fit"/>.
    /// </summary>
    public static PrincipalSubspace FromCovariance(double[] center, double[,] covariance, double varianceToKeep)
    {
        int p = center.Length;
        Evd<double> evd = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric);
        int[] order = [.. Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real)];
        double total = 0;
        foreach (int i in order)
        {
            total += evd.EigenValues[i].Real;
        }

        var ratios = new double[p];
        int count = 0;
        double cumulative = 0;
        for (int k = 0; k < p; k++)
        {
            ratios[k] = evd.EigenValues[order[k]].Real / total;
            cumulative += ratios[k];
            if (cumulative <= varianceToKeep)
            {
                count = k + 1;
            }
        }

        // searchsorted(cumsum, share, side='right') + 1: one past the last cumulative ratio not above the share.
        count = Math.Min(count + 1, p);
        var components = new double[count][];
        for (int k = 0; k < count; k++)
        {
            components[k] = [.. evd.EigenVectors.Column(order[k])];
        }

        var complement = new double[p - count][];
        for (int k = count; k < p; k++)
        {
            complement[k - count] = [.. evd.EigenVectors.Column(order[k])];
        }

        return new PrincipalSubspace(center, components, complement, ratios);
    }

    /// <summary>‖c − VVᵀc‖ with c = z − μ; <paramref name="scratch"/> holds c (length p).</summary>
    public double ReconstructionError(ReadOnlySpan<double> z, Span<double> scratch)
    {
        for (int j = 0; j < z.Length; j++)
        {
            scratch[j] = z[j] - _center[j];
        }

        Span<double> residual = scratch;
        Span<double> projections = _components.Length <= 64 ? stackalloc double[_components.Length] : new double[_components.Length];
        for (int k = 0; k < _components.Length; k++)
        {
            double dot = 0;
            double[] v = _components[k];
            for (int j = 0; j < v.Length; j++)
            {
                dot += v[j] * scratch[j];
            }

            projections[k] = dot;
        }

        for (int k = 0; k < _components.Length; k++)
        {
            double[] v = _components[k];
            for (int j = 0; j < v.Length; j++)
            {
                residual[j] -= projections[k] * v[j];
            }
        }

        double squares = 0;
        foreach (double r in residual)
        {
            squares += r * r;
        }

        return Math.Sqrt(squares);
    }
}
