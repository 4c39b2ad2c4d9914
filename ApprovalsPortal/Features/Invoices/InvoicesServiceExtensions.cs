using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Invoices;

public static class InvoicesServiceExtensions
{
    public static WebApplicationBuilder AddInvoices(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<InvoiceKind>();
        builder.Services.AddScoped<InvoiceService>();
        return builder;
    }
}
