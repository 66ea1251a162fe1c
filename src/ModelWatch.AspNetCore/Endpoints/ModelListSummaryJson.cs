namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// Counts over every monitored model, whatever the request's search, filter and page, so that models
/// needing attention are never hidden by paging: <see cref="Alerting"/> and <see cref="Drifting"/> as the
/// <c>status</c> values <c>alerting</c> and <c>drifting</c> count them; <see cref="NoData"/>: status <c>noData</c>.
/// </summary>
internal sealed record ModelListSummaryJson(int Models, int Alerting, int Drifting, int NoData);
