using System.Buffers.Binary;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>Saves a page's viewport (1280×800) under TestResults/screenshots, for people to look at.</summary>
internal static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name, bool alsoFullPage = false)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (alsoFullPage)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + "-full.png"),
                FullPage = true,
            });
        }

        Assert.Equal((1280, 800), PngSize(await File.ReadAllBytesAsync(path)));
        return path;
    }

    public static (int Width, int Height) PngSize(byte[] png)
    {
        // The IHDR chunk follows the 8-byte signature: length (4), type (4), width (4), height (4).
        Assert.True(png.Length > 24 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG file");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
