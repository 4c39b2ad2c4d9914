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
// Sizes an element so that it ends at the window's bottom (less the page's bottom padding), and keeps it so as the
// window resizes: the document viewer fills the screen instead of growing the page.
window.approvalsPortal.fitToWindow = function (element) {
    if (!element || element.dataset.fitted) return;
    element.dataset.fitted = "1";
    const bottomGap = 40;
    const minimum = 360;
    const fit = () => {
        if (!element.isConnected) {
            window.removeEventListener("resize", fit);
            return;
        }
        const top = element.getBoundingClientRect().top + window.scrollY;
        element.style.height = Math.max(minimum, window.innerHeight - top - bottomGap) + "px";
    };
    fit();
    window.addEventListener("resize", fit);
};
// Moves the keyboard focus to the first element matching a selector (a dialog or drawer giving it back).
window.approvalsPortal.focusFirst = function (selector) {
    const element = document.querySelector(selector);
    if (element) element.focus();
};
window.approvalsPortal.timeZone = function () {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
};

// A signature drawn with a finger, a pen or a mouse on a canvas: pointer events cover all three. The canvas keeps
// its own pixels at the device's resolution; the component asks for a PNG when the signer confirms.
window.approvalsPortal.signaturePad = {
    attach: function (canvas) {
        if (!canvas || canvas.dataset.padReady) return;
        canvas.dataset.padReady = "1";
        const ratio = window.devicePixelRatio || 1;
        const size = () => {
            const box = canvas.getBoundingClientRect();
            canvas.width = Math.max(1, Math.round(box.width * ratio));
            canvas.height = Math.max(1, Math.round(box.height * ratio));
            const g = canvas.getContext("2d");
            g.scale(ratio, ratio);
            g.lineWidth = 2.5;
            g.lineCap = "round";
            g.lineJoin = "round";
            g.strokeStyle = "#0d2a6b";
            canvas.dataset.strokes = "0";
        };
        size();
        let drawing = false;
        const point = e => {
            const box = canvas.getBoundingClientRect();
            return { x: e.clientX - box.left, y: e.clientY - box.top };
        };
        canvas.addEventListener("pointerdown", e => {
            drawing = true;
            canvas.setPointerCapture(e.pointerId);
            const p = point(e);
            const g = canvas.getContext("2d");
            g.beginPath();
            g.moveTo(p.x, p.y);
            g.lineTo(p.x + 0.1, p.y + 0.1);
            g.stroke();
            canvas.dataset.strokes = String(Number(canvas.dataset.strokes) + 1);
            e.preventDefault();
        });
        canvas.addEventListener("pointermove", e => {
            if (!drawing) return;
            const p = point(e);
            const g = canvas.getContext("2d");
            g.lineTo(p.x, p.y);
            g.stroke();
            e.preventDefault();
        });
        const stop = () => { drawing = false; };
        canvas.addEventListener("pointerup", stop);
        canvas.addEventListener("pointercancel", stop);
        canvas.padClear = size;
    },
    clear: function (canvas) {
        if (canvas && canvas.padClear) canvas.padClear();
    },
    // The drawing as a PNG data URL, or "" when nothing was drawn.
    png: function (canvas) {
        if (!canvas || canvas.dataset.strokes === "0" || !canvas.dataset.strokes) return "";
        return canvas.toDataURL("image/png");
    }
};
