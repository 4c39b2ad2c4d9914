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

// Live lists re-render in place, re-using rows by position. watch() keeps what the reader is doing with a list, all
// in the browser so that no update waits for a round trip: it tells the component (LiveComponentBase.SetHeld) when
// an update should wait (a menu or dropdown open, text selected in the list, a field of the list being typed in),
// and after every change of the list it scrolls the row under the pointer back under it and moves the focus back
// to the same control of the same row.
window.approvalsPortal.live = {
    rowSelector: "tr, [role=listitem], [role=option], .mud-list-item",
    rowKey: function (row) {
        if (!row) return null;
        const marked = row.querySelector("[data-row-key]");
        if (marked) return marked.getAttribute("data-row-key");
        if (row.matches("a[href]")) return row.getAttribute("href");
        const link = row.querySelector("a[href]");
        return link ? link.getAttribute("href") : null;
    },
    controls: function (row) {
        return Array.from(row.querySelectorAll("a[href], button, [tabindex]"));
    },
    held: function (region) {
        // An open menu or dropdown: its items belong to the row it was opened from. (A menu item that opened a dialog
        // keeps its menu open behind the dialog until the dialog closes; the dialog has what it needs already.)
        if (!document.querySelector(".mud-dialog-container") &&
            document.querySelector(".mud-popover-open [role=menu], .mud-popover-open [role=listbox], .mud-popover-open .mud-menu-list")) return true;
        // Text being selected or copied from the list.
        const selection = window.getSelection();
        if (selection && !selection.isCollapsed && selection.rangeCount > 0 && region.contains(selection.getRangeAt(0).commonAncestorContainer)) return true;
        // A field of the list being typed in.
        const active = document.activeElement;
        return !!active && region.contains(active) && active.matches("input, textarea, select, [contenteditable=true]");
    },
    watch: function (region, component) {
        if (!region || region.__live) return;
        const live = this;
        const state = { held: false, hoverKey: null, hoverTop: 0, focusKey: null, focusIndex: -1, scheduled: false };
        region.__live = state;
        const rowOf = element => element instanceof Element ? element.closest(live.rowSelector) : null;
        const check = () => {
            state.scheduled = false;
            if (!region.isConnected) return stop();
            const held = live.held(region);
            if (held === state.held) return;
            state.held = held;
            if (held) region.setAttribute("data-live-held", "true");
            else region.removeAttribute("data-live-held");
            component.invokeMethodAsync("SetHeld", held).catch(() => { });
        };
        const soon = () => {
            if (state.scheduled) return;
            state.scheduled = true;
            queueMicrotask(check);
        };
        const noteHover = e => {
            const row = rowOf(e.target);
            state.hoverKey = row && region.contains(row) ? live.rowKey(row) : null;
            if (row) state.hoverTop = row.getBoundingClientRect().top;
        };
        const leave = () => { state.hoverKey = null; };
        const scrolled = () => {
            if (!state.hoverKey) return;
            const row = Array.from(region.querySelectorAll(live.rowSelector)).find(r => live.rowKey(r) === state.hoverKey);
            if (row) state.hoverTop = row.getBoundingClientRect().top;
        };
        const focused = e => {
            const row = rowOf(e.target);
            state.focusKey = row && region.contains(row) ? live.rowKey(row) : null;
            state.focusIndex = row ? live.controls(row).indexOf(e.target) : -1;
            soon();
        };
        // After the list changed: the pointer's row back under the pointer, the focus back on its row.
        const restore = () => {
            const rows = Array.from(region.querySelectorAll(live.rowSelector));
            if (state.hoverKey) {
                const row = rows.find(r => live.rowKey(r) === state.hoverKey);
                if (row) {
                    const moved = row.getBoundingClientRect().top - state.hoverTop;
                    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
                    state.hoverTop = row.getBoundingClientRect().top;
                }
            }
            const active = document.activeElement;
            if (state.focusKey && active && region.contains(active)) {
                const current = rowOf(active);
                if (current && live.rowKey(current) !== state.focusKey) {
                    const row = rows.find(r => live.rowKey(r) === state.focusKey);
                    const target = row ? live.controls(row)[state.focusIndex] : null;
                    if (target) target.focus({ preventScroll: true });
                }
            }
        };
        const changes = new MutationObserver(restore);
        changes.observe(region, { subtree: true, childList: true, characterData: true });
        const popovers = new MutationObserver(soon);
        popovers.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
        document.addEventListener("selectionchange", soon);
        region.addEventListener("pointermove", noteHover);
        region.addEventListener("pointerleave", leave);
        region.addEventListener("focusin", focused);
        region.addEventListener("focusout", soon);
        window.addEventListener("scroll", scrolled, { passive: true });
        const stop = () => {
            changes.disconnect();
            popovers.disconnect();
            document.removeEventListener("selectionchange", soon);
            window.removeEventListener("scroll", scrolled);
        };
    },
    // The component noted an update that waits for the reader (marked for tools and tests).
    waiting: function (region, waiting) {
        if (!region) return;
        if (waiting) region.setAttribute("data-live-waiting", "true");
        else region.removeAttribute("data-live-waiting");
    }
};

// Closing a dialog gives the focus back to the control it was opened from. MudBlazor's focus trap returns it to what
// had it before the dialog, which is often a menu item that is gone by then, leaving the focus nowhere (the page's
// start). So remember the last control focused outside dialogs and menus, and its row in a live list (rows are
// re-used by position, and the list may have changed while the dialog was open).
(function () {
    const live = window.approvalsPortal.live;
    const controls = row => live.controls(row);
    let last = null;
    document.addEventListener("focusin", e => {
        const target = e.target;
        if (!(target instanceof Element) || target.closest(".mud-dialog-container, .mud-popover")) return;
        const row = target.closest(live.rowSelector);
        last = { element: target, rowKey: row ? live.rowKey(row) : null, index: row ? controls(row).indexOf(target) : -1 };
    });
    const giveBack = () => {
        if (!last || (document.activeElement && document.activeElement !== document.body)) return;
        let target = last.element;
        if (last.rowKey) {
            const row = Array.from(document.querySelectorAll(live.rowSelector)).find(r => live.rowKey(r) === last.rowKey);
            if (row && controls(row)[last.index]) target = controls(row)[last.index];
        }
        if (target && target.isConnected) target.focus({ preventScroll: true });
    };
    let dialogOpen = false;
    new MutationObserver(() => {
        const open = !!document.querySelector(".mud-dialog-container");
        if (dialogOpen && !open) {
            setTimeout(giveBack, 0);
            setTimeout(giveBack, 150);
        }
        dialogOpen = open;
    }).observe(document.body, { childList: true, subtree: true });
})();
