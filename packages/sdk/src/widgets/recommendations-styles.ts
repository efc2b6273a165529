/**
 * The default look of `<insitu-recommendations>`: right in any shop without the shop's CSS, and
 * themed through `--insitu-*` custom properties (inherited into the shadow root) and `::part()`.
 * Every card has the same height whatever its text (clamped lines, fixed line heights), so the
 * skeleton reserves exactly the space the items take: no layout shift when they arrive.
 */
export const RECOMMENDATIONS_CSS = `
:host{display:block;container-type:inline-size;font-family:var(--insitu-font,inherit);color:var(--insitu-color,#1f2328);margin-block:var(--insitu-margin,1.5rem)}
:host([hidden]),[hidden]{display:none!important}
.h{margin:0 0 .75rem;font-size:var(--insitu-heading-size,1.25rem);font-weight:700;line-height:1.3;color:var(--insitu-heading-color,inherit)}
ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--insitu-gap,1rem);--c:2;--k:2;--l:3}
@container (min-width:36rem){ul{--c:3;--k:3;--l:2}}
@container (min-width:52rem){ul{--c:4;--k:5}}
@container (min-width:80rem){ul{--c:5;--k:6}}
.grid{grid-template-columns:repeat(var(--insitu-columns,var(--c)),minmax(0,1fr))}
.carousel{grid-auto-flow:column;grid-auto-columns:var(--insitu-card-width,calc((100% - var(--k) * var(--insitu-gap,1rem)) / (var(--k) + .4)));overflow-x:auto;overscroll-behavior-x:contain;scroll-snap-type:x mandatory;scroll-padding-inline:2px;padding:2px 2px .75rem;scrollbar-width:thin}
.carousel>li{scroll-snap-align:start}
li{position:relative;display:flex;flex-direction:column;gap:.375rem;padding-bottom:.75rem;min-width:0;background:var(--insitu-card-bg,#fff);color:var(--insitu-color,#1f2328);border:1px solid var(--insitu-border,#d0d7de);border-radius:var(--insitu-radius,.5rem);overflow:hidden}
a{color:inherit;text-decoration:none;display:flex;flex-direction:column;gap:.375rem;outline:none}
a::after{content:"";position:absolute;inset:0;border-radius:inherit}
a:focus-visible::after{outline:3px solid var(--insitu-focus,#0969da);outline-offset:-3px}
li:hover .t{text-decoration:underline}
.box{display:block;aspect-ratio:var(--insitu-image-ratio,1);background:var(--insitu-image-bg,#f6f8fa);overflow:hidden}
img{display:block;width:100%;height:100%;object-fit:var(--insitu-image-fit,cover)}
.t,.p,.w{margin:0 .75rem;line-height:1.3;overflow:hidden}
.t,.w{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;min-height:2.6em}
.t{-webkit-line-clamp:var(--l);min-height:calc(var(--l) * 1.3em)}
.t{font-size:.95rem;font-weight:600}
.p{font-size:1rem;font-weight:700;height:1.3em;white-space:nowrap;text-overflow:ellipsis;color:var(--insitu-price-color,inherit)}
.w{font-size:.8rem;color:var(--insitu-muted,#57606a)}
.sk .t,.sk .p,.sk .w{background:var(--insitu-skeleton,#eaeef2);border-radius:.25rem}
.sk .t{margin-right:25%}.sk .p{margin-right:60%}.sk .w{margin-right:10%}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (prefers-reduced-motion:no-preference){
.carousel{scroll-behavior:smooth}
.sk .box,.sk .t,.sk .p,.sk .w{animation:pulse 1.4s ease-in-out infinite}
@keyframes pulse{50%{opacity:.55}}
}
@media (forced-colors:active){li{border-color:CanvasText}}
`;
