// Dateline's page: filters kept in the URL drive a timeline (vis-timeline), a map
// (Leaflet, world-atlas basemap, clustered markers) and an actor network (cytoscape);
// an event panel shows every source sentence with its spans highlighted.
// Every view asks the JSON API for bounded, server-aggregated data: nothing here
// downloads the whole store.
"use strict";

(() => {
  const { api, escapeHtml, formatWhen, basisNote, who, highlight, legend, color, addDays } = Dateline;
  const ITEM_LIMIT = 250;    // the timeline shows single events up to this many in view
  const LIST_PAGE = 50;      // events per page in the list
  const NETWORK_EDGES = 80;  // strongest edges drawn
  const FILTER_KEYS = ["actor", "country", "type", "status", "from", "to", "q", "between"];

  const $ = (id) => document.getElementById(id);
  const form = $("filters");
  let filters = {};
  let selected = null;

  // -- filters <-> URL <-> form -------------------------------------------------------

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    filters = {};
    for (const key of FILTER_KEYS) {
      const values = params.getAll(key).filter((v) => v !== "");
      if (values.length) filters[key] = key === "type" ? values.join(",").split(",") : values[0];
    }
    $("group").value = params.get("group") || "type";
    $("sort").value = params.get("sort") || "date";
    selected = params.get("event");
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const v = filters[key];
      if (v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
      params.set(key, Array.isArray(v) ? v.join(",") : v);
    }
    if ($("group").value !== "type") params.set("group", $("group").value);
    if ($("sort").value !== "date") params.set("sort", $("sort").value);
    if (selected) params.set("event", selected);
    const url = window.location.pathname + (params.toString() ? "?" + params : "");
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function fillForm() {
    for (const name of ["actor", "country", "status", "from", "to", "q"]) {
      form.elements[name].value = filters[name] || "";
    }
    const chosen = new Set(filters.type || []);
    for (const box of document.querySelectorAll("#type-options input")) box.checked = chosen.has(box.value);
    $("types-chosen").textContent = chosen.size ? [...chosen].join(", ") : "any";
    const chips = $("chips");
    chips.innerHTML = "";
    if (filters.between) {
      const [a, b] = filters.between.split("|");
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.title = "Remove this filter";
      chip.textContent = `between ${a} and ${b} ×`;
      chip.onclick = () => { delete filters.between; apply(true); };
      chips.appendChild(chip);
    }
  }

  function readForm() {
    const next = {};
    for (const name of ["actor", "country", "status", "from", "to", "q"]) {
      const v = form.elements[name].value.trim();
      if (v) next[name] = v;
    }
    const types = [...document.querySelectorAll("#type-options input:checked")].map((b) => b.value);
    if (types.length) next.type = types;
    if (filters.between) next.between = filters.between;
    filters = next;
  }

  function query(extra) {
    return { ...filters, ...(extra || {}) };
  }

  function apply(push) {
    fillForm();
    writeUrl(push);
    refresh();
  }

  function setupForm() {
    const menu = $("type-options");
    for (const type of Dateline.TYPES) {
      const label = document.createElement("label");
      label.innerHTML = `<input type="checkbox" value="${type}"> <span class="swatch" style="background:${color(type)}"></span>${type}`;
      menu.appendChild(label);
    }
    form.addEventListener("submit", (ev) => { ev.preventDefault(); readForm(); apply(true); });
    menu.addEventListener("change", () => { readForm(); apply(true); });
    for (const name of ["status", "from", "to"]) {
      form.elements[name].addEventListener("change", () => { readForm(); apply(true); });
    }
    $("reset").addEventListener("click", () => { filters = {}; selected = null; closePanel(); apply(true); });
    $("period").addEventListener("change", (ev) => {
      const days = Number(ev.target.value);
      if (!days) return;
      const today = new Date().toISOString().slice(0, 10);
      form.elements.from.value = addDays(today, -days);
      form.elements.to.value = today;
      ev.target.value = "";
      readForm();
      apply(true);
    });
    let timer = null;
    form.elements.actor.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const name = form.elements.actor.value.trim();
        if (name.length < 2) return;
        const body = await api("/actors", { name, limit: 15 });
        $("actor-list").innerHTML = body.actors
          .map((a) => `<option value="${escapeHtml(a.name)}">${a.events} events${a.country ? " · " + a.country : ""}</option>`)
          .join("");
      }, 250);
    });
    $("group").addEventListener("change", () => { writeUrl(false); loadTimeline(); });
    $("sort").addEventListener("change", () => { writeUrl(false); loadList(); });
    window.addEventListener("popstate", () => { readUrl(); fillForm(); refresh(); });
  }

  function refresh() {
    loadList();
    loadTimeline();
    loadMap(true);
    loadNetwork();
    if (selected) openEvent(selected, false);
    else closePanel();
  }

  function failed(where, error) {
    where.textContent = "⚠ " + (error.message || error);
    where.classList.add("error");
  }

  // -- event list ---------------------------------------------------------------------

  let nextPage = null;

  function listItem(e) {
    const li = document.createElement("li");
    li.dataset.id = e.id;
    if (e.id === selected) li.classList.add("selected");
    const parties = who(e.actors) + (e.recipients.length ? " → " + who(e.recipients) : "");
    li.innerHTML =
      `<span class="when">${escapeHtml(formatWhen(e.when))}${e.when.basis === "published" ? "*" : ""}</span> ` +
      `<span class="type" style="background:${color(e.type)}">${escapeHtml(e.type)}</span> ` +
      `<span class="status s-${escapeHtml(e.status)}">${e.status === "occurred" ? "" : escapeHtml(e.status)}</span>` +
      `<div class="parties">${escapeHtml(parties || "?")}</div>` +
      (e.where ? `<div class="where">${escapeHtml(e.where.name)}</div>` : "");
    li.addEventListener("click", () => openEvent(e.id, true));
    return li;
  }

  async function loadList(more) {
    const list = $("event-list");
    try {
      const body = more
        ? await (await fetch(nextPage)).json()
        : await api("/events", query({ limit: LIST_PAGE, sort: $("sort").value }));
      if (body.ok === false) throw new Error(body.detail);
      if (!more) list.innerHTML = "";
      body.events.forEach((e) => list.appendChild(listItem(e)));
      $("count").textContent = `${body.total.toLocaleString()} event${body.total === 1 ? "" : "s"}`;
      nextPage = body.next;
      $("more").hidden = !nextPage;
      if (!body.total) list.innerHTML = '<li class="empty">No events match these filters.</li>';
    } catch (error) {
      failed($("count"), error);
    }
  }

  // -- event panel --------------------------------------------------------------------

  function closePanel() {
    $("event-panel").hidden = true;
    $("event-panel").innerHTML = "";
    document.querySelectorAll("#event-list li.selected").forEach((li) => li.classList.remove("selected"));
  }

  async function openEvent(id, push) {
    selected = id;
    if (push) writeUrl(true);
    document.querySelectorAll("#event-list li").forEach((li) => li.classList.toggle("selected", li.dataset.id === id));
    if (timeline) timeline.setSelection(timeline.itemsData.getIds({ filter: (item) => item.eventId === id }));
    const panel = $("event-panel");
    panel.hidden = false;
    $("side").scrollTop = 0;
    panel.innerHTML = '<p class="note">Loading…</p>';
    let body;
    try {
      body = await api("/events/" + encodeURIComponent(id));
    } catch (error) {
      panel.innerHTML = `<p class="error">⚠ ${escapeHtml(error.message)}</p>`;
      return;
    }
    if (selected !== id) return;
    const e = body.event;
    const place = e.where
      ? `${escapeHtml(e.where.name)}${e.where.country ? " (" + e.where.country + ")" : ""}` +
        (e.where.lat !== null ? ` <span class="note">${e.where.lat.toFixed(2)}, ${e.where.lon.toFixed(2)}</span>` : "")
      : '<span class="note">unknown</span>';
    const reports = `${e.article_count} article${e.article_count === 1 ? "" : "s"}, ` +
      `${e.mention_count} mention${e.mention_count === 1 ? "" : "s"}, ${e.source_count} source${e.source_count === 1 ? "" : "s"}`;
    let html =
      `<button type="button" class="close" title="Close">×</button>` +
      `<h2><span class="type" style="background:${color(e.type)}">${escapeHtml(e.type)}</span>` +
      `${e.mode ? ` <small>${escapeHtml(e.mode)}</small>` : ""}${e.cameo ? ` <small>CAMEO ${escapeHtml(e.cameo)}</small>` : ""}</h2>` +
      `<dl>` +
      `<dt>Date</dt><dd class="event-date">${escapeHtml(formatWhen(e.when))} <span class="note">` +
      `${escapeHtml(e.when.precision)} precision · ${escapeHtml(basisNote(e.when.basis))}` +
      `${e.when.start !== e.when.end ? ` · ${escapeHtml(e.when.start)} to ${escapeHtml(e.when.end)}` : ""}</span></dd>` +
      `<dt>Status</dt><dd class="s-${escapeHtml(e.status)}">${escapeHtml(e.status)}</dd>` +
      `<dt>Place</dt><dd>${place}</dd>` +
      `<dt>Actors</dt><dd>${escapeHtml(who(e.actors) || "?")}</dd>` +
      (e.recipients.length ? `<dt>Recipients</dt><dd>${escapeHtml(who(e.recipients))}</dd>` : "") +
      `<dt>Confidence</dt><dd>${e.confidence.toFixed(2)}</dd>` +
      Object.entries(e.conflicts || {}).map(([field, values]) =>
        `<dt>Disputed</dt><dd class="disputed">${escapeHtml(field)}: ` +
        values.map((c) => `${escapeHtml(c.value)}${c.precision ? " (" + escapeHtml(c.precision) + ")" : ""} in ${c.mentions} report${c.mentions === 1 ? "" : "s"}`).join("; ") +
        "</dd>").join("") +
      `<dt>Reported</dt><dd>${reports}; ${escapeHtml(e.first_reported)}${e.last_reported !== e.first_reported ? " to " + escapeHtml(e.last_reported) : ""}</dd>` +
      `</dl><h3>Sources</h3>` + legend();
    for (const m of body.mentions) {
      const title = m.article.title || m.article.id;
      html += `<article class="mention"><header><a href="/articles/${encodeURIComponent(m.article.id)}#${encodeURIComponent(m.event)}">${escapeHtml(title)}</a>` +
        ` <span class="note">${escapeHtml(m.article.published)} · ${escapeHtml(m.article.url || m.article.source)}</span></header>`;
      for (const s of m.sentences) {
        const spans = s.highlights.map((h) => ({ ...h, start: h.start - s.start, end: h.end - s.start }));
        html += `<blockquote class="sentence">${highlight(s.text, 0, s.text.length, spans)}</blockquote>`;
      }
      html += "</article>";
    }
    panel.innerHTML = html;
    panel.querySelector(".close").addEventListener("click", () => { selected = null; closePanel(); writeUrl(true); });
  }

  // -- timeline -----------------------------------------------------------------------

  const OTHER = "(other actors)";
  let timeline = null;
  let timelineSeq = 0;

  function setupTimeline() {
    timeline = new vis.Timeline($("timeline"), new vis.DataSet([]), {
      stack: true,
      height: "100%",
      zoomMin: 1000 * 60 * 60 * 24 * 7,
      margin: { item: { horizontal: 2, vertical: 3 } },
      orientation: { axis: "top", item: "top" },
      tooltip: { followMouse: true },
      groupOrder: "order",
    });
    timeline.on("select", (props) => {
      const id = props.items[0];
      if (id === undefined) return;
      const item = timeline.itemsData.get(id);
      if (item && item.bucket) {
        timeline.setWindow(item.start, item.end);
        loadTimelineWindow(item.bucketStart, item.bucketEnd);
      } else if (item && item.eventId) {
        openEvent(item.eventId, true);
      }
    });
    let timer = null;
    timeline.on("rangechanged", (props) => {
      if (!props.byUser) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const from = props.start.toISOString().slice(0, 10);
        const to = props.end.toISOString().slice(0, 10);
        loadTimelineWindow(from, to);
      }, 300);
    });
  }

  function groupsOf(tl) {
    if (tl.group === "none") return null;
    return new vis.DataSet(tl.groups.map((g, i) => ({
      id: g.id,
      order: i,
      content: `<span class="swatch" style="background:${tl.group === "type" ? color(g.id) : "#8c8c8c"}"></span>${escapeHtml(g.label)} <span class="note">${g.count.toLocaleString()}</span>`,
    })));
  }

  function eventItems(events, tl) {
    const items = [];
    const topActors = tl.group === "actor" ? new Set(tl.groups.map((g) => g.id)) : null;
    for (const e of events) {
      let groups = [undefined];
      if (tl.group === "type") groups = [e.type];
      else if (tl.group === "actor") {
        const names = [...new Set([...e.actors, ...e.recipients].map((a) => a.name))].filter((n) => topActors.has(n));
        groups = names.length ? names : [OTHER];
      }
      const parties = who(e.actors) + (e.recipients.length ? " → " + who(e.recipients) : "");
      const label = `${e.type} ${parties}`.trim();
      const span = e.when.precision !== "day" || e.when.start !== e.when.end;
      for (const g of groups) {
        items.push({
          id: `${e.id}|${g ?? ""}`,
          eventId: e.id,
          group: g,
          start: e.when.start,
          end: span ? addDays(e.when.end, 1) : undefined,
          type: span ? "range" : "box",
          content: escapeHtml(label.length > 40 ? label.slice(0, 39) + "…" : label),
          title: escapeHtml(`${formatWhen(e.when)} · ${e.when.precision} · ${label}${e.where ? " · " + e.where.name : ""}`),
          className: `ev p-${escapeHtml(e.when.precision)}${e.when.basis === "published" ? " b-published" : ""}`,
          style: `border-color:${color(e.type)};${span ? `background:${color(e.type)}33;` : ""}`,
        });
      }
    }
    return items;
  }

  function bucketItems(tl) {
    const max = Math.max(1, ...tl.buckets.map((b) => b.count));
    return tl.buckets.map((b) => {
      const alpha = 0.15 + 0.85 * (b.count / max);
      const base = tl.group === "type" ? color(b.group) : "#3b6ea8";
      return {
        id: `bucket|${b.group ?? ""}|${b.start}`,
        bucket: true,
        bucketStart: b.start,
        bucketEnd: b.end,
        group: b.group ?? undefined,
        start: b.start,
        end: addDays(b.end, 1),
        type: "range",
        content: b.count.toLocaleString(),
        title: `${b.count.toLocaleString()} events, ${b.start} to ${b.end} (click to zoom in)`,
        className: "bucket",
        style: `background:${hexAlpha(base, alpha)};border-color:${base};`,
      };
    });
  }

  function hexAlpha(hex, alpha) {
    const a = Math.round(alpha * 255).toString(16).padStart(2, "0");
    return hex + a;
  }

  async function drawTimeline(params, fit) {
    const seq = ++timelineSeq;
    const note = $("timeline-note");
    note.classList.remove("error");
    try {
      const tl = await api("/timeline", { ...params, group: $("group").value });
      let items;
      if (tl.total <= ITEM_LIMIT) {
        const page = await api("/events", { ...params, limit: ITEM_LIMIT });
        items = eventItems(page.events, tl);
        note.textContent = `${tl.total.toLocaleString()} event${tl.total === 1 ? "" : "s"}`;
      } else {
        items = bucketItems(tl);
        note.textContent = `${tl.total.toLocaleString()} events per ${tl.bucket}: click a bar or zoom in for single events`;
      }
      if (seq !== timelineSeq) return;
      timeline.setOptions({ stack: tl.total <= ITEM_LIMIT });
      const groups = groupsOf(tl);
      timeline.setData({ groups: groups || undefined, items: new vis.DataSet(items) });
      if (!groups) timeline.setGroups(null);
      if (fit && tl.first && tl.last) {
        const pad = Math.max(3, Math.round((Date.parse(tl.last) - Date.parse(tl.first)) / 864e5 * 0.08));
        timeline.setWindow(addDays(tl.first, -pad), addDays(tl.last, pad + 1), { animation: false });
      }
    } catch (error) {
      if (seq === timelineSeq) failed(note, error);
    }
  }

  function loadTimeline() {
    return drawTimeline(query(), true);
  }

  function loadTimelineWindow(from, to) {
    const params = query();
    if (!params.from || from > params.from) params.from = from;
    if (!params.to || to < params.to) params.to = to;
    if (params.from > params.to) {  // the window lies outside the filtered dates
      timeline.setItems(new vis.DataSet([]));
      $("timeline-note").textContent = "no events in this window";
      return Promise.resolve();
    }
    return drawTimeline(params, false);
  }

  // -- map ----------------------------------------------------------------------------

  let map = null;
  let points = null;
  let cells = null;
  let mapSeq = 0;

  async function setupMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 1 }).setView([20, 10], 2);
    points = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    cells = L.layerGroup();
    points.addTo(map);
    cells.addTo(map);
    let timer = null;
    map.on("moveend", () => { clearTimeout(timer); timer = setTimeout(() => loadMap(false), 250); });
    try {
      const topo = await (await fetch("/vendor/world-atlas/countries-50m.json")).json();
      const land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        attribution: "Natural Earth via world-atlas",
        style: { color: "#9aa3ab", weight: 0.6, fillColor: "#f3f1ec", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    } catch (error) {
      failed($("map-note"), error);
    }
  }

  function viewBox() {
    const b = map.getBounds();
    const west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    if (b.getEast() - b.getWest() >= 360 || map.getZoom() <= 2) return undefined;
    const south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    return [west, south, east, north].map((x) => x.toFixed(4)).join(",");
  }

  function eventIcon(type) {
    return L.divIcon({
      className: "ev-marker",
      html: `<span style="background:${color(type)}"></span>`,
      iconSize: [14, 14],
    });
  }

  function cellIcon(count) {
    const size = count < 100 ? "small" : count < 1000 ? "medium" : "large";
    const label = count >= 10000 ? Math.round(count / 1000) + "k" : count.toLocaleString();
    return L.divIcon({
      html: `<div><span>${label}</span></div>`,
      className: `marker-cluster marker-cluster-${size}`,
      iconSize: L.point(40, 40),
    });
  }

  let fitting = false;

  // fit: the filters changed, so look at all their events (no bbox) and frame them.
  async function loadMap(fit) {
    if (!map || (fitting && !fit)) return;
    const seq = ++mapSeq;
    const note = $("map-note");
    note.classList.remove("error");
    try {
      const body = await api("/map", query(fit ? { zoom: 2 } : { bbox: viewBox(), zoom: map.getZoom() }));
      if (seq !== mapSeq) return;
      if (fit) {
        const located = body.mode === "points" ? body.points : [];
        if (!located.length) map.setView([20, 10], 2, { animate: false });
        else {
          const bounds = L.latLngBounds(located.map((p) => [p.lat, p.lon]));
          fitting = true;
          map.fitBounds(bounds, { padding: [30, 30], maxZoom: 4, animate: false });
          fitting = false;
        }
      }
      points.clearLayers();
      cells.clearLayers();
      if (body.mode === "points") {
        points.addLayers(body.points.map((p) => {
          const marker = L.marker([p.lat, p.lon], { icon: eventIcon(p.type), title: `${p.date} ${p.type}` });
          marker.bindTooltip(`${escapeHtml(p.date)} · ${escapeHtml(p.type)}${p.place ? " · " + escapeHtml(p.place) : ""}`);
          marker.on("click", () => openEvent(p.id, true));
          return marker;
        }));
      } else {
        for (const c of body.clusters) {
          const marker = L.marker([c.lat, c.lon], { icon: cellIcon(c.count) });
          marker.bindTooltip(`${c.count.toLocaleString()} events: click to zoom in`);
          marker.on("click", () => {
            const [w, s, e, n] = c.bbox;
            if (e - w < 1e-6 && n - s < 1e-6) map.setView([c.lat, c.lon], Math.min(map.getZoom() + 3, 14));
            else map.fitBounds([[s, w], [n, e]], { padding: [20, 20], maxZoom: 14 });
          });
          cells.addLayer(marker);
        }
      }
      note.textContent = `${body.located.toLocaleString()} located in view` +
        (body.unlocated ? `, ${body.unlocated.toLocaleString()} without a place` : "") +
        (body.mode === "clusters" ? " · clustered on the server" : "");
    } catch (error) {
      if (seq === mapSeq) failed(note, error);
    }
  }

  // -- actor network ------------------------------------------------------------------

  let cy = null;
  let networkSeq = 0;

  function setupNetwork() {
    cy = cytoscape({
      container: $("network"),
      minZoom: 0.2,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-size": 10,
            "text-valign": "bottom",
            "text-margin-y": 2,
            width: "mapData(events, 1, 200, 10, 44)",
            height: "mapData(events, 1, 200, 10, 44)",
            "background-color": "#4a6f8a",
            color: "#222",
            "text-outline-color": "#fff",
            "text-outline-width": 2,
          },
        },
        {
          selector: "edge",
          style: {
            width: "mapData(events, 1, 100, 1, 10)",
            "line-color": "#b9c2c9",
            "target-arrow-color": "#b9c2c9",
            "curve-style": "bezier",
            opacity: 0.85,
          },
        },
        { selector: "edge[kind = 'acts-on']", style: { "target-arrow-shape": "triangle" } },
        { selector: "edge[kind = 'together']", style: { "line-style": "dashed" } },
        { selector: "node.match", style: { "background-color": "#c0392b" } },
      ],
    });
    cy.on("tap", "node", (ev) => {
      filters = { ...filters, actor: ev.target.data("id") };
      apply(true);
    });
    cy.on("tap", "edge", (ev) => {
      const d = ev.target.data();
      filters = { ...filters, between: `${d.source}|${d.target}` };
      apply(true);
    });
  }

  async function loadNetwork() {
    const seq = ++networkSeq;
    const note = $("network-note");
    note.classList.remove("error");
    try {
      const body = await api("/network", query({ limit: NETWORK_EDGES }));
      if (seq !== networkSeq) return;
      const actor = (filters.actor || "").toLowerCase();
      const elements = [
        ...body.nodes.map((n) => ({
          data: { id: n.id, label: n.country && n.country !== n.label ? `${n.label} (${n.country})` : n.label, events: n.events },
          classes: actor && n.id.toLowerCase().includes(actor) ? "match" : "",
        })),
        ...body.edges.map((e, i) => ({
          data: { id: `e${i}`, source: e.source, target: e.target, events: e.events, kind: e.kind },
        })),
      ];
      cy.elements().remove();
      cy.add(elements);
      const layout = body.nodes.length <= 6
        ? { name: "circle", animate: false, padding: 30 }
        : { name: "cose", animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 };
      cy.layout(layout).run();
      cy.fit(undefined, 24);
      if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }
      note.textContent = body.edges.length
        ? `${body.nodes.length} actors, ${body.edges.length} links${body.truncated ? " (the strongest)" : ""} · click an actor or a link to filter`
        : "no events between two actors";
    } catch (error) {
      if (seq === networkSeq) failed(note, error);
    }
  }

  // -- start --------------------------------------------------------------------------

  setupForm();
  readUrl();
  fillForm();
  $("more").addEventListener("click", () => loadList(true));
  setupTimeline();
  setupNetwork();
  setupMap().then(() => loadMap(true));
  loadList();
  loadTimeline();
  loadNetwork();
  if (selected) openEvent(selected, false);
})();
