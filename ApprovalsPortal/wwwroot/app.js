// Small browser helpers called from components through IJSRuntime.
window.approvalsPortal = {
    copyText: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    }
};
window.approvalsPortal.timeZone = function () {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
};
