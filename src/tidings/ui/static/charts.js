// Charts drawn with Plotly (served by this app from the installed plotly package).
// Data comes from <script type="application/json"> blocks that the server filled in;
// text from the store is only ever handed to Plotly as data, never written as HTML.
"use strict";

(function () {
  const QUADS = [
    ["quad1", "verbal cooperation", "#7fb3d5"],
    ["quad2", "material cooperation", "#2e6da4"],
    ["quad3", "verbal conflict", "#f0a868"],
    ["quad4", "material conflict", "#c0392b"],
  ];
  const GOLDSTEIN = [[0, "#c0392b"], [0.5, "#d9d9d9"], [1, "#2e6da4"]];
  const CONFIG = { displaylogo: false, responsive: true, topojsonURL: "/ui/topojson/",
                   modeBarButtonsToRemove: ["lasso2d", "select2d"] };
  const FONT = { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12, color: "#2b2f36" };

  function data(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function layout(extra) {
    return Object.assign({ font: FONT, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
                           margin: { l: 50, r: 50, t: 20, b: 40 } }, extra);
  }

  // whole-number ticks for small counts
  function countTick(counts) {
    return Math.max(...counts, 1) <= 10 ? 1 : null;
  }

  function dyadChart() {
    const d = data("dyad-data");
    const el = document.getElementById("dyad-chart");
    if (!d || !el || !d.series.length) { if (el) el.hidden = true; return; }
    // every period from first to last, so quiet periods show as gaps
    const x = d.periods;
    const at = new Map(d.series.map((r) => [r.period, r]));
    const traces = QUADS.map(([key, name, colour]) => ({
      type: "bar", name: name, x: x, y: x.map((p) => (at.has(p) ? at.get(p)[key] : 0)), marker: { color: colour },
      hovertemplate: "%{x}: %{y} " + name + "<extra></extra>",
    }));
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean Goldstein", x: x, yaxis: "y2", connectgaps: true,
      y: x.map((p) => (at.has(p) ? at.get(p).goldstein_mean : null)), line: { color: "#2b2f36", width: 2 },
      hovertemplate: "%{x}: mean Goldstein %{y:.1f}<extra></extra>",
    });
    return Plotly.newPlot(el, traces, layout({
      barmode: "stack", bargap: x.length < 4 ? 0.6 : 0.15,
      legend: { orientation: "h", y: -0.15, traceorder: "normal" },
      xaxis: { type: "category" },
      yaxis: { title: { text: "events" }, rangemode: "tozero", gridcolor: "#eceef1", dtick: countTick(d.series.map((r) => r.events)) },
      yaxis2: { title: { text: "mean Goldstein" }, overlaying: "y", side: "right", range: [-10.5, 10.5],
                tickvals: [-10, -5, 0, 5, 10], zeroline: true, zerolinecolor: "#b8bec7", showgrid: false },
    }), CONFIG);
  }

  function actorChart() {
    const d = data("actor-data");
    const el = document.getElementById("actor-chart");
    if (!d || !el || !d.series.length) { if (el) el.hidden = true; return; }
    const periods = d.periods;
    const traces = QUADS.map(([, name, colour], i) => ({
      type: "bar", name: name, x: periods, marker: { color: colour },
      y: periods.map((p) => {
        const row = d.series.find((r) => r.period === p && String(r.type) === String(i + 1));
        return row ? row.events : 0;
      }),
    }));
    return Plotly.newPlot(el, traces, layout({
      barmode: "stack", bargap: periods.length < 4 ? 0.6 : 0.15,
      legend: { orientation: "h", y: -0.25, traceorder: "normal" }, xaxis: { type: "category" },
      yaxis: { title: { text: "events" }, rangemode: "tozero", gridcolor: "#eceef1",
               dtick: countTick(periods.map((p, i) => traces.reduce((n, t) => n + t.y[i], 0))) },
    }), CONFIG);
  }

  function networkChart() {
    const d = data("network-data");
    const el = document.getElementById("network-chart");
    if (!d || !el || !d.nodes.length) { if (el) el.hidden = true; return; }
    const at = new Map(d.nodes.map((n) => [n.code, n]));
    const maxW = Math.max(...d.edges.map((e) => e.events), 1);
    const edges = d.edges.map((e) => {
      const s = at.get(e.source), t = at.get(e.target);
      const g = e.goldstein_mean || 0;
      const colour = g < -1 ? "rgba(192,57,43,0.55)" : g > 1 ? "rgba(46,109,164,0.55)" : "rgba(120,128,140,0.5)";
      return { type: "scatter", mode: "lines", x: [s.x, t.x], y: [s.y, t.y], hoverinfo: "skip",
               line: { width: 1 + 4 * e.events / maxW, color: colour }, showlegend: false };
    });
    // hover targets at each link's middle, invisible, saying who did what to whom
    const hovers = {
      type: "scatter", mode: "markers", showlegend: false, hoverinfo: "text",
      x: d.edges.map((e) => (at.get(e.source).x + at.get(e.target).x) / 2),
      y: d.edges.map((e) => (at.get(e.source).y + at.get(e.target).y) / 2),
      text: d.edges.map((e) => `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${(e.goldstein_mean || 0).toFixed(1)}`),
      marker: { size: 12, opacity: 0 },
    };
    const maxN = Math.max(...d.nodes.map((n) => n.events), 1);
    const nodes = {
      type: "scatter", mode: "markers+text", showlegend: false,
      x: d.nodes.map((n) => n.x), y: d.nodes.map((n) => n.y), text: d.nodes.map((n) => n.code),
      customdata: d.nodes.map((n) => n.code), textposition: "top center",
      hovertext: d.nodes.map((n) => `${n.code} · ${n.label}<br>${n.as_source} as source, ${n.as_target} as target`),
      hoverinfo: "text",
      marker: { size: d.nodes.map((n) => 10 + 26 * Math.sqrt(n.events / maxN)), color: "#fdfdfd",
                line: { color: "#2e6da4", width: 2 } },
    };
    // an arrowhead three quarters along each link: a two-point trace whose second marker
    // points away from the first (angleref "previous")
    const arrows = d.edges.map((e) => {
      const s = at.get(e.source), t = at.get(e.target);
      return { type: "scatter", mode: "markers", showlegend: false, hoverinfo: "skip",
               x: [s.x * 0.3 + t.x * 0.7, s.x * 0.22 + t.x * 0.78], y: [s.y * 0.3 + t.y * 0.7, s.y * 0.22 + t.y * 0.78],
               marker: { symbol: "arrow", angleref: "previous", size: [0, 10], color: "#6b7380" } };
    });
    const drawn = Plotly.newPlot(el, [...edges, ...arrows, hovers, nodes], layout({
      hovermode: "closest", margin: { l: 10, r: 10, t: 10, b: 10 },
      xaxis: { visible: false, range: [-1.15, 1.15] }, yaxis: { visible: false, range: [-1.15, 1.15] },
    }), CONFIG);
    el.on("plotly_click", (ev) => {
      const code = ev.points[0] && ev.points[0].customdata;
      if (code) window.location.href = "/actors/" + encodeURIComponent(code);
    });
    return drawn;
  }

  function mapChart() {
    const d = data("map-data");
    const el = document.getElementById("map-chart");
    if (!d || !el) return;
    const maxN = Math.max(...d.places.map((p) => p.events), 1);
    const points = {
      type: "scattergeo", mode: "markers", lon: d.places.map((p) => p.lon), lat: d.places.map((p) => p.lat),
      customdata: d.places.map((p) => p.name),
      hovertext: d.places.map((p) => `${p.name} (${p.country || "?"})<br>${p.events} events, mean Goldstein ${(p.goldstein_mean || 0).toFixed(1)}`),
      hoverinfo: "text",
      marker: { size: d.places.map((p) => 8 + 22 * Math.sqrt(p.events / maxN)),
                color: d.places.map((p) => p.goldstein_mean || 0), cmin: -10, cmax: 10, colorscale: GOLDSTEIN,
                line: { color: "#2b2f36", width: 0.8 }, opacity: 0.85,
                colorbar: { title: { text: "Goldstein" }, thickness: 12, len: 0.6 } },
    };
    const base = d.basemap;
    const drawn = Plotly.newPlot(el, [points], layout({
      margin: { l: 0, r: 0, t: 0, b: 0 },
      geo: { projection: { type: "natural earth" }, resolution: 110, showframe: false,
             showland: base, landcolor: "#eef0ec", showcountries: base, countrycolor: "#b9bfb4",
             showcoastlines: false, showocean: false, showlakes: false, showrivers: false,
             bgcolor: "#f5f8fb", lataxis: { showgrid: true, gridcolor: "#e3e8ee", range: [-58, 84] },
             lonaxis: { showgrid: true, gridcolor: "#e3e8ee", range: [-180, 180] } },
    }), CONFIG);
    el.on("plotly_click", (ev) => {
      const place = ev.points[0] && ev.points[0].customdata;
      if (place) window.location.href = "/events?place=" + encodeURIComponent(place);
    });
    return drawn;
  }

  // body[data-charts="ready"] once every chart is drawn (the browser tests wait for it)
  Promise.all([dyadChart(), actorChart(), networkChart(), mapChart()]).then(() => {
    document.body.dataset.charts = "ready";
  });
})();
