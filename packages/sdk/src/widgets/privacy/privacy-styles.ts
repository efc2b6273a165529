/** The privacy centre's look; themed by the same `--insitu-*` properties as the other widgets. */
export const PRIVACY_CSS = `
:host{display:block;font-family:var(--insitu-font,inherit);color:var(--insitu-color,#1f2328);line-height:1.45;font-size:.95rem}
:host([hidden]),[hidden]{display:none!important}
*{box-sizing:border-box}
section{display:grid;gap:1rem;background:var(--insitu-card-bg,#fff);border:1px solid var(--insitu-border,#d0d7de);border-radius:var(--insitu-radius,.5rem);padding:var(--insitu-padding,1.25rem)}
h2{margin:0;font-size:1.2rem;line-height:1.3}
h3{margin:0 0 .5rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--insitu-muted,#57606a)}
p{margin:0}
.muted,.why{color:var(--insitu-muted,#57606a)}
.why{font-size:.8rem;margin-top:.125rem}
dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(9rem,40%),1fr));gap:.5rem;margin:0}
#profile-body{display:grid;gap:1.25rem}
#learned{display:grid;gap:.5rem;margin-top:.25rem}
#learned h3{margin:0}
#learned-body{display:grid;gap:.375rem;max-width:42rem}
.skipped{gap:.25rem;margin-top:.25rem}
.skipped li{display:flex;justify-content:space-between;align-items:baseline;gap:.75rem;padding-bottom:.25rem;border-bottom:1px solid var(--insitu-border,#d0d7de)}
.skipped .pct{flex:none;color:var(--insitu-muted,#57606a)}
dl div{background:var(--insitu-image-bg,#f6f8fa);border-radius:calc(var(--insitu-radius,.5rem) * .75);padding:.5rem .75rem;min-width:0}
dt{font-size:.75rem;color:var(--insitu-muted,#57606a)}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
#stored-count{font-size:1.25rem}
.switch{display:flex;align-items:center;gap:.625rem;cursor:pointer}
.switch input{appearance:none;margin:0;flex:none;width:2.5rem;height:1.5rem;border-radius:1rem;background:#8c959f;position:relative;cursor:pointer}
.switch input::before{content:"";position:absolute;top:.1875rem;left:.1875rem;width:1.125rem;height:1.125rem;border-radius:50%;background:#fff}
.switch input:checked{background:var(--insitu-accent,#1a7f37)}
.switch input:checked::before{left:1.1875rem}
.actions,.confirm div{display:flex;flex-wrap:wrap;gap:.5rem}
button{font:inherit;font-weight:600;padding:.5rem 1rem;border-radius:calc(var(--insitu-radius,.5rem) * .75);border:1px solid var(--insitu-border,#d0d7de);background:var(--insitu-button-bg,#f6f8fa);color:inherit;cursor:pointer;min-height:2.5rem}
button:hover{filter:brightness(.96)}
.danger{color:var(--insitu-danger,#b42318);border-color:currentColor;background:#fff}
.danger.solid{background:var(--insitu-danger,#b42318);color:#fff;border-color:transparent}
button:focus-visible,input:focus-visible{outline:3px solid var(--insitu-focus,#0969da);outline-offset:2px}
.confirm{display:grid;gap:.5rem;border:1px solid var(--insitu-danger,#b42318);border-radius:calc(var(--insitu-radius,.5rem) * .75);padding:.75rem}
.chips{display:flex;flex-wrap:wrap;gap:.375rem;margin-top:.5rem}
.chip{font-size:.75rem;padding:.125rem .5rem;border-radius:1rem;background:var(--insitu-image-bg,#f6f8fa);border:1px solid var(--insitu-border,#d0d7de)}
.gauges{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem}
.gauges figure{margin:0;text-align:center}
.gauge{width:100%;max-width:9rem;display:block;margin:0 auto}
.gauge path{fill:none;stroke-width:10;stroke-linecap:round}
.gauge .track{stroke:#eaeef2}
.bar-svg .track{fill:#eaeef2}
.gauge .fill{stroke:var(--insitu-accent,#1a7f37)}
.churn .gauge .fill{stroke:var(--insitu-warn,#9a6700)}
.gauge-text{font-size:16px;font-weight:700;fill:currentColor}
figcaption{font-weight:600}
figcaption .why{font-weight:400}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:1rem 2rem}
h4{margin:0 0 .25rem;font-size:.85rem}
ul{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.row{display:grid;grid-template-columns:minmax(5rem,9rem) 1fr 2.75rem;align-items:center;gap:.5rem}
.bar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar-svg{width:100%;height:.5rem;display:block}
.bar-svg .fill{fill:var(--insitu-accent,#1a7f37)}
.pct{text-align:right;font-variant-numeric:tabular-nums;font-size:.85rem}
.activity{width:100%;height:4rem;display:block}
.activity .fill{fill:var(--insitu-accent,#1a7f37)}
.activity .axis{stroke:var(--insitu-border,#d0d7de)}
@media (forced-colors:active){.fill{fill:CanvasText;stroke:CanvasText}}
`;
