// The article view: the stored text with every time expression, actor, place and event
// trigger highlighted; #e3 in the URL outlines the sentence of event e3.
"use strict";

(async () => {
  const { api, escapeHtml, formatWhen, basisNote, highlight, color } = Dateline;
  const $ = (id) => document.getElementById(id);
  const id = decodeURIComponent(window.location.pathname.replace(/^\/articles\//, ""));
  let body;
  try {
    body = await api("/articles/" + id.split("/").map(encodeURIComponent).join("/"));
  } catch (error) {
    $("text").innerHTML = `<p class="error">⚠ ${escapeHtml(error.message)}</p>`;
    return;
  }
  const a = body.article;
  document.title = `${a.title || a.id} · Dateline`;
  $("title").innerHTML = `<strong>${escapeHtml(a.title || a.id)}</strong>`;
  $("meta").textContent = `published ${a.published}${a.dateline ? " · " + a.dateline : ""} · ${a.url || a.source}`;
  $("legend").innerHTML = Dateline.legend();

  const spans = [];
  for (const x of a.timexes) spans.push({ kind: "time", start: x.start, end: x.end, label: x.value });
  for (const actor of a.actors) {
    for (const [s, e] of actor.mentions) spans.push({ kind: "actor", start: s, end: e, label: actor.name + (actor.country ? ` (${actor.country})` : "") });
  }
  for (const p of a.places) {
    for (const [s, e] of p.mentions) spans.push({ kind: "place", start: s, end: e, label: p.name + (p.country ? ` (${p.country})` : "") });
  }
  for (const ev of a.events) spans.push({ kind: "trigger", start: ev.trigger.start, end: ev.trigger.end, label: `${ev.type} (${ev.id})` });

  // The text in pieces: sentences of events get an anchor; the focused one is outlined.
  const sentences = a.events.map((ev) => ({ id: ev.id, start: ev.sentence.start, end: ev.sentence.end }))
    .sort((x, y) => x.start - y.start);
  let html = "";
  let at = 0;
  for (const s of sentences) {
    if (s.start < at) continue;  // two events in one sentence: one anchor
    html += highlight(a.text, at, s.start, spans);
    const ids = a.events.filter((ev) => ev.sentence.start === s.start).map((ev) => ev.id);
    html += `<span class="sentence" data-events="${escapeHtml(ids.join(" "))}">${highlight(a.text, s.start, s.end, spans)}</span>`;
    at = s.end;
  }
  html += highlight(a.text, at, a.text.length, spans);
  $("text").innerHTML = html;

  $("events").innerHTML = a.events.map((ev) => {
    const canonical = a.canonical[ev.id];
    return `<li><span class="type" style="background:${color(ev.type)}">${escapeHtml(ev.type)}</span> ` +
      `${escapeHtml(formatWhen(ev.when))} <span class="note">${escapeHtml(basisNote(ev.when.basis))}; ${escapeHtml(ev.status)}</span>` +
      ` <a href="#${escapeHtml(ev.id)}">sentence</a>` +
      (canonical ? ` · <a href="/?event=${encodeURIComponent(canonical)}">on the timeline</a>` : "") + "</li>";
  }).join("") || '<li class="note">none</li>';
  $("timexes").innerHTML = a.timexes.map((x) =>
    `<li>“${escapeHtml(x.text)}” → <strong>${escapeHtml(x.value)}</strong> <span class="note">${escapeHtml(x.type)}${x.anchor ? ", anchored on " + escapeHtml(x.anchor) : ""}</span></li>`
  ).join("") || '<li class="note">none</li>';

  function outline() {
    document.querySelectorAll("#text .focus").forEach((el) => el.classList.remove("focus"));
    const wanted = decodeURIComponent(window.location.hash.slice(1));
    const target = [...document.querySelectorAll("#text .sentence")]
      .find((el) => el.dataset.events.split(" ").includes(wanted));
    if (target) { target.classList.add("focus"); target.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", outline);
  if (window.location.hash) outline();
})();
