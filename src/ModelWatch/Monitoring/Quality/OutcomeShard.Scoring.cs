namespace ModelWatch.Monitoring;

/// <summary>The shard's joins scored: a prediction and its outcome into the accumulators of both their windows and the error stream.</summary>
internal sealed partial class OutcomeShard
{
    private void Score(double prediction, ReadOnlySpan<double> probabilities, double actual, long predictionEpoch, long arrivalEpoch, long arrivalTicks, int segment)
    {
        double error;
        var byPrediction = _accumulators.ByPrediction(predictionEpoch, predictionEpoch);
        var byArrival = _accumulators.ByArrival(arrivalEpoch, arrivalEpoch);
        switch (_definition.Task)
        {
            case ModelTask.BinaryClassification:
                if (!double.IsFinite(prediction))
                {
                    Invalid++;
                    return;
                }

                byPrediction.AddBinary(prediction, (int)actual);
                byArrival.AddBinary(prediction, (int)actual);
                error = (prediction >= _definition.DecisionThreshold ? 1 : 0) == (int)actual ? 0 : 1;
                break;
            case ModelTask.MulticlassClassification:
                if (!(prediction >= 0 && prediction < _definition.Classes))
                {
                    Invalid++;
                    return;
                }

                byPrediction.AddMulticlass((int)prediction, (int)actual, probabilities);
                byArrival.AddMulticlass((int)prediction, (int)actual, probabilities);
                error = (int)prediction == (int)actual ? 0 : 1;
                break;
            default:
                if (!double.IsFinite(prediction))
                {
                    Invalid++;
                    return;
                }

                byPrediction.AddRegression(prediction, actual);
                byArrival.AddRegression(prediction, actual);
                error = Math.Abs(prediction - actual);
                break;
        }

        if (segment != NoSegment)
        {
            Segments?.Add(segment, predictionEpoch, arrivalEpoch, prediction, probabilities, actual);
        }

        Joined++;
        _errors.Add(new ErrorEvent(arrivalTicks, error));
    }
}
