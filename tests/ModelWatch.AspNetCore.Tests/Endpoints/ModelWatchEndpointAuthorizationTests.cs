using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.AspNetCore.Tests.TestSupport;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

public sealed class ModelWatchEndpointAuthorizationTests
{
    [Theory]
    [InlineData("/modelwatch")]
    [InlineData("/modelwatch/fraud")]
    [InlineData("/modelwatch/api/models")]
    [InlineData("/modelwatch/api/models/fraud")]
    [InlineData("/modelwatch/api/models/fraud/history")]
    public async Task MapModelWatch_RequireAuthorization_DeniesAnonymousAndAdmitsAuthenticated(string path)
    {
        await using var t = await TestApp.StartAsync(
            w => w.AddNumericModel("fraud", "amount"),
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapModelWatch("/modelwatch").RequireAuthorization();
            },
            b =>
            {
                b.Services.AddAuthentication(HeaderAuthenticationHandler.Name)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.Name, null);
                b.Services.AddAuthorization();
            });

        using var anonymous = await t.Client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Test-User", "ops");
        using var authenticated = await t.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }
}
