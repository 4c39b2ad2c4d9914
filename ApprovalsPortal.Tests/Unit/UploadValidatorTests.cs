using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Unit;

public sealed class UploadValidatorTests
{
    private static readonly UploadOptions Limits = new() { MaxFileSizeMegabytes = 1 };

    private static UploadCheck Check(string name, byte[] content) =>
        UploadValidator.CheckContent(name, content.Length, new MemoryStream(content), Limits);

    [Theory]
    [InlineData("accounts.pdf", "application/pdf")]
    [InlineData("CHART.PNG", "image/png")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("ledger.csv", "text/csv")]
    public void Accepts_allowed_files_whose_content_matches(string name, string contentType)
    {
        var content = contentType switch
        {
            "application/pdf" => SampleFiles.Pdf(),
            "image/png" => SampleFiles.Png(),
            _ => SampleFiles.Text("a,b\n1,2\n"),
        };
        var result = Check(name, content);
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(contentType, result.ContentType);
    }

    [Theory]
    [InlineData("letter.docx", "word")]
    [InlineData("budget.xlsx", "xl")]
    [InlineData("deck.pptx", "ppt")]
    public void Accepts_office_packages_of_the_named_kind(string name, string part)
    {
        Assert.True(Check(name, SampleFiles.OpenXml(part)).Accepted);
    }

    [Fact]
    public void Refuses_a_zip_renamed_to_docx()
    {
        var result = Check("letter.docx", SampleFiles.Zip());
        Assert.False(result.Accepted);
        Assert.Equal("The content is not a Word document, although the name ends in .docx.", result.Reason);
    }

    [Fact]
    public void Refuses_an_image_renamed_to_pdf()
    {
        var result = Check("invoice.pdf", SampleFiles.Png());
        Assert.False(result.Accepted);
        Assert.Equal("The content is not a PDF, although the name ends in .pdf.", result.Reason);
    }

    [Fact]
    public void Refuses_binary_content_named_as_text()
    {
        var result = Check("notes.txt", SampleFiles.Pdf().Concat(new byte[] { 0, 1, 2 }).ToArray());
        Assert.False(result.Accepted);
    }

    [Theory]
    [InlineData("setup.exe", ".exe files are not allowed. Allowed: PDF, images, text/CSV and Office documents.")]
    [InlineData("page.html", ".html files are not allowed. Allowed: PDF, images, text/CSV and Office documents.")]
    [InlineData("README", "Files without an extension are not allowed. Allowed: PDF, images, text/CSV and Office documents.")]
    public void Refuses_types_that_are_not_allowed(string name, string reason)
    {
        var result = UploadValidator.CheckClaim(name, 10, Limits);
        Assert.False(result.Accepted);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Refuses_files_over_the_limit_from_their_size_alone()
    {
        var result = UploadValidator.CheckClaim("big.pdf", 1024 * 1024 + 1, Limits);
        Assert.False(result.Accepted);
        Assert.Equal("The file is 1 MB; the limit is 1 MB.", result.Reason);
    }

    [Fact]
    public void Refuses_empty_files()
    {
        Assert.Equal("The file is empty.", UploadValidator.CheckClaim("empty.txt", 0, Limits).Reason);
    }
}
