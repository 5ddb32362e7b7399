using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatCare.Channels.Http;

/// <summary>Per-endpoint request body limits, tighter than Kestrel's server-wide default.</summary>
internal static class RequestBodyLimit
{
    /// <summary>
    /// Applies <paramref name="limit"/> to this request. False when the declared Content-Length already exceeds it;
    /// a body without a declared length that grows past it fails on read with a 413 <see cref="BadHttpRequestException"/>.
    /// </summary>
    public static bool TryApply(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return false;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        return true;
    }
}
