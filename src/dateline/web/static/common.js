// Dateline: helpers shared by the page and the article view (no library needed).
"use strict";

const Dateline = (() => {
  // PLOVER types: cooperation in greens and blues, verbal conflict in ambers,
  // material conflict in reds.
  const TYPE_COLORS = {
    AGREE: "#1b7837", CONSULT: "#2166ac", SUPPORT: "#5aae61", CONCEDE: "#7fbf7b",
    COOPERATE: "#4393c3", AID: "#35978f", RETREAT: "#80cdc1", REQUEST: "#92c5de",
    ACCUSE: "#dfc27d", REJECT: "#bf812d", THREATEN: "#e08214", PROTEST: "#f4a582",
    SANCTION: "#d6604d", MOBILIZE: "#c51b7d", COERCE: "#b2182b", ASSAULT: "#67001f",
  };
  const TYPES = Object.keys(TYPE_COLORS);

  function color(type) {
    return TYPE_COLORS[type] || "#777";
  }

  function escapeHtml(text) {
    return String(text ?? "").replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  async function api(path, params) {
    const url = new URL("/api/v1" + path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === undefined || value === null || value === "") continue;
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
      else url.searchParams.set(key, value);
    }
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok || body.ok === false) {
      const error = new Error(body.detail || response.statusText);
      error.body = body;
      throw error;
    }
    return body;
  }

  // "2024-10-21", "2020-05 (month)", with the basis when the date is not from the text.
  function formatWhen(when) {
    let text = when.value;
    if (when.precision !== "day") text += ` (${when.precision})`;
    else if (when.start !== when.end) text = `${when.start} → ${when.end}`;
    return text;
  }

  function basisNote(basis) {
    return {
      text: "from the text",
      inferred: "inferred",
      published: "publication date stands in",
    }[basis] || basis;
  }

  function who(actors) {
    return actors.map((a) => a.country ? `${a.name} (${a.country})` : a.name).join(", ");
  }

  const PRIORITY = { trigger: 5, time: 4, place: 3, actor: 2, recipient: 2, event: 1 };

  // Text [start, end) of `source` with highlights: [{kind, start, end, label}] in the
  // same offsets. Overlaps are split; the innermost, highest-priority kind wins.
  function highlight(source, start, end, spans) {
    const cuts = new Set([start, end]);
    const inside = spans.filter((s) => s.end > start && s.start < end);
    for (const s of inside) {
      cuts.add(Math.max(start, s.start));
      cuts.add(Math.min(end, s.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    let html = "";
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      const piece = escapeHtml(source.slice(a, b));
      const covering = inside.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { html += piece; continue; }
      covering.sort((x, y) => (PRIORITY[y.kind] || 0) - (PRIORITY[x.kind] || 0));
      const top = covering[0];
      const title = top.label ? ` title="${escapeHtml(top.kind + ": " + top.label)}"` : ` title="${top.kind}"`;
      html += `<mark class="hl hl-${top.kind}"${title}>${piece}</mark>`;
    }
    return html;
  }

  function legend() {
    return '<p class="legend">' +
      ["trigger", "actor", "recipient", "time", "place"]
        .map((k) => `<mark class="hl hl-${k}">${k}</mark>`).join(" ") + "</p>";
  }

  function addDays(iso, days) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  return { TYPES, color, escapeHtml, api, formatWhen, basisNote, who, highlight, legend, addDays };
})();
