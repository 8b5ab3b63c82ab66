/**
 * All of the widget's CSS, injected as one <style> inside the shadow root: nothing leaks out, and
 * `:host { all: initial }` stops the host page's inherited styles from leaking in. Colors are custom
 * properties (--parley-accent etc.) so site settings, boot options and dark mode only swap variables.
 * Only what a first open shows is here; each lazy part brings its own rules (ui/Sheet.tsx).
 */
export const CSS = `
:host{all:initial}
.pw{--parley-accent:#4f46e5;--parley-on-accent:#fff;--bg:#fff;--fg:#111827;--muted:#6b7280;--line:#e5e7eb;
--theirs:#f3f4f6;--soft:#f9fafb;--danger:#dc2626;--ok:#16a34a;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);
-webkit-font-smoothing:antialiased;text-align:start}
@media (prefers-color-scheme:dark){.pw{--bg:#18181b;--fg:#f4f4f5;--muted:#a1a1aa;--line:#2e2e33;--theirs:#27272a;--soft:#1f1f23;--danger:#f87171}}
.pw *,.pw *::before,.pw *::after{box-sizing:border-box}
button{font:inherit;color:inherit;background:none;border:0;margin:0;padding:0;cursor:pointer}
button:focus-visible,a:focus-visible,.log:focus-visible{outline:2px solid var(--parley-accent);outline-offset:2px}
.launcher{position:fixed;bottom:20px;width:56px;height:56px;border-radius:50%;background:var(--parley-accent);
color:var(--parley-on-accent);display:flex;align-items:center;justify-content:center;
box-shadow:0 6px 20px rgba(0,0,0,.22);transition:transform .15s ease}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:28px;height:28px;fill:currentColor}
.labelled{width:auto;padding:0 18px;gap:8px;border-radius:28px}
.badge{position:absolute;top:-4px;inset-inline-end:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;
background:#dc2626;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff}
.conn{position:absolute;top:0;inset-inline-end:0;width:14px;height:14px;border-radius:50%;background:#9ca3af;border:2px solid #fff;animation:blink 1.2s infinite}
.panel{position:fixed;bottom:88px;width:380px;height:min(640px,calc(100vh - 112px));background:var(--bg);
border-radius:16px;box-shadow:0 12px 48px rgba(0,0,0,.24);display:flex;flex-direction:column;overflow:hidden;
animation:pop .18s ease-out}
@keyframes pop{from{opacity:0;transform:translateY(12px) scale(.98)}}
@media (prefers-reduced-motion:reduce){.panel{animation:none}.launcher{transition:none}}
.head{background:var(--parley-accent);color:var(--parley-on-accent);padding:18px 16px 16px;padding-inline-start:20px;display:flex;gap:12px;align-items:center}
.avatar{width:40px;height:40px;border-radius:50%;background:rgba(255,255,255,.22);display:flex;align-items:center;
justify-content:center;font-weight:700;font-size:17px;flex:none}
.avatar svg{width:22px;height:22px;fill:currentColor}
.title{flex:1;min-width:0}
.title h2{margin:0;font-size:16px;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.status{font-size:12.5px;font-weight:550;display:flex;align-items:center;gap:6px;margin-top:1px}
.sub{font-size:12px;opacity:.85}
.dot{width:8px;height:8px;border-radius:50%;background:#fbbf24;flex:none}
.dot.on{background:#4ade80}
.icon-btn{width:36px;height:36px;border-radius:50%;display:flex;align-items:center;justify-content:center;flex:none}
.icon-btn:hover{background:rgba(127,127,127,.16)}
.head button:focus-visible{outline-color:var(--parley-on-accent)}
.icon-btn svg{width:20px;height:20px;fill:currentColor}
.banner{display:flex;align-items:center;gap:10px;padding:8px 14px;font-size:12.5px;background:#fef3c7;color:#78350f}
.banner span{flex:1}
.banner button{font-weight:650;text-decoration:underline}
.log{flex:1;overflow-y:auto;padding:16px 16px 8px;display:flex;flex-direction:column;gap:14px;overscroll-behavior:contain}
.group{display:flex;flex-direction:column;gap:3px;align-items:flex-start;max-width:85%}
.who{font-size:12px;color:var(--muted);margin:0 0 2px;margin-inline-start:4px}
.msg{padding:9px 13px;border-radius:18px;background:var(--theirs);white-space:pre-wrap;word-wrap:break-word;
overflow-wrap:anywhere;max-width:100%}
@keyframes blink{0%,60%,100%{opacity:.3}30%{opacity:1}}
.composer{border-top:1px solid var(--line);padding:10px 12px 12px;background:var(--bg)}
.row{display:flex;align-items:flex-end;gap:6px}
textarea,input{flex:1;font:inherit;font-size:15px;color:var(--fg);background:var(--soft);border:1px solid var(--line);
border-radius:20px;padding:9px 14px;resize:none;max-height:120px;min-height:40px;outline:none;width:100%}
textarea:focus,input:focus{border-color:var(--parley-accent);box-shadow:0 0 0 3px color-mix(in srgb,var(--parley-accent) 22%,transparent)}
.send{background:var(--parley-accent);color:var(--parley-on-accent);width:40px;height:40px}
.send:hover{background:var(--parley-accent);filter:brightness(1.1)}
.send:disabled{opacity:.45;cursor:default}
[dir=rtl] .send svg{transform:scaleX(-1)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}
.chip{display:flex;align-items:center;gap:6px;font-size:12px;background:var(--soft);border:1px solid var(--line);
border-radius:10px;padding:4px;padding-inline-start:10px;max-width:100%}
.chip.err{color:var(--danger);border-color:var(--danger)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{inset:0!important;width:100%;height:100%;border-radius:0}
.launcher.open{display:none}textarea,input{font-size:16px}}
`;
