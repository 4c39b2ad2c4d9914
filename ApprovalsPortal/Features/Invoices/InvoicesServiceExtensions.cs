using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;

namespace ApprovalsPortal.Features.Invoices;

public static class InvoicesServiceExtensions
{
    public static WebApplicationBuilder AddInvoices(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<InvoiceKind>();
        builder.Services.AddScoped<InvoiceService>();
        builder.Services.AddScoped<ClientInvoiceService>();
        builder.Services.AddScoped<InvoiceFlows>();
        builder.Services.AddSingleton<IDocumentLocks, InvoiceLocks>();
        return builder;
    }
}
