// A small SVG line chart (no dependencies): deployment time against N, one line per series, with
// min–max whiskers. Plain SVG 1.1 that GitHub renders inline.

export interface ChartPoint {
  x: number;
  y: number;
  yMin?: number;
  yMax?: number;
}

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: ChartPoint[];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (v: number) => (Math.round(v * 10) / 10).toString();

/** 1, 2 or 5 × 10^k steps giving about `count` ticks from 0 to max. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function lineChart(series: ChartSeries[], opts: ChartOptions): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 360;
  const m = { left: 60, right: 170, top: 36, bottom: 48 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.points);
  const xTicks = niceTicks(Math.max(1, ...all.map((p) => p.x)));
  const yTicks = niceTicks(Math.max(0, ...all.map((p) => p.yMax ?? p.y)));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const sx = (x: number) => m.left + (x / xMax) * plotW;
  const sy = (y: number) => m.top + plotH - (y / yMax) * plotH;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(opts.title)}</text>`);
  for (const t of yTicks) {
    out.push(`<line x1="${m.left}" y1="${num(sy(t))}" x2="${m.left + plotW}" y2="${num(sy(t))}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${m.left - 6}" y="${num(sy(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${num(sx(t))}" y1="${m.top + plotH}" x2="${num(sx(t))}" y2="${m.top + plotH + 4}" stroke="#444"/>`);
    out.push(`<text x="${num(sx(t))}" y="${m.top + plotH + 18}" text-anchor="middle">${t}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${m.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${esc(opts.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);

  series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    out.push(`<g class="series" data-name="${esc(s.name)}">`);
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${pts.map((p) => `${num(sx(p.x))},${num(sy(p.y))}`).join(" ")}"/>`);
    for (const p of pts) {
      if (p.yMin !== undefined && p.yMax !== undefined && p.yMax > p.yMin) {
        const x = num(sx(p.x));
        out.push(`<line x1="${x}" y1="${num(sy(p.yMin))}" x2="${x}" y2="${num(sy(p.yMax))}" stroke="${s.color}"/>`);
      }
      out.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="3" fill="${s.color}"/>`);
    }
    out.push(`</g>`);
    const ly = m.top + 10 + i * 20;
    const lx = m.left + plotW + 14;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
