/* Map of the flows: Leaflet + marker clustering, data from the GeoJSON endpoints.
   Built on a <div id="flow-map" data-…> (no inline script: strict CSP). The map stays usable
   without tiles (offline): markers and lines are drawn on a blank background. */
(function () {
  "use strict";
  var el = document.getElementById("flow-map");
  if (!el || typeof L === "undefined") { return; }
  var d = el.dataset;
  var form = document.getElementById("flow-filters");
  var status = document.getElementById("map-status");
  var listLink = document.getElementById("map-list-link");

  var map = L.map(el, { center: [parseFloat(d.centerLat), parseFloat(d.centerLon)], zoom: parseInt(d.zoom, 10) });
  L.tileLayer(d.tileUrl, { attribution: d.tileAttribution, maxZoom: 19 }).addTo(map);
  var markers = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup({ maxClusterRadius: 50 }) : L.layerGroup();
  var cells = L.layerGroup();
  var lines = L.layerGroup();
  markers.addTo(map); cells.addTo(map); lines.addTo(map);

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (cls) { node.className = cls; }
    return node;
  }

  function flowPopup(p) {
    var box = document.createElement("div");
    box.className = "flow-popup";
    var title = document.createElement("a");
    title.textContent = p.title;
    if (p.url) { title.href = p.url; }
    title.className = "fw-semibold";
    box.appendChild(title);
    if (p.original_language) {
      box.appendChild(text("span", " " + p.original_language.toUpperCase() + " (" + d.labelOriginal + ")", "small text-body-secondary"));
    }
    box.appendChild(text("div", p.direction_label + " · " + p.nature_label));
    box.appendChild(text("div", p.category));
    box.appendChild(text("div", p.company + " · " + p.commune + " (" + p.country + ")"));
    if (p.confidential) {
      box.appendChild(text("div", d.labelConfidential, "fst-italic"));
    } else if (p.quantity_per_year !== null && p.quantity_per_year !== undefined) {
      box.appendChild(text("div", Math.round(p.quantity_per_year * 100) / 100 + " " + (p.unit_label || p.unit) + " " + d.labelPerYear));
    }
    return box;
  }

  function flowMarker(feature, latlng) {
    var p = feature.properties;
    var icon = L.divIcon({ className: "flow-marker flow-" + p.direction, iconSize: [14, 14] });
    return L.marker(latlng, { icon: icon, title: p.title, alt: p.title }).bindPopup(flowPopup(p));
  }

  function cellMarker(feature, latlng) {
    var n = feature.properties.count;
    var size = n < 100 ? "small" : n < 1000 ? "medium" : "large";
    var icon = L.divIcon({
      html: "<div><span>" + String(n) + "</span></div>",
      className: "marker-cluster marker-cluster-" + size + " server-cluster",
      iconSize: [40, 40]
    });
    return L.marker(latlng, { icon: icon }).on("click", function () { map.setView(latlng, map.getZoom() + 2); });
  }

  function params() {
    var query = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, key) {
        if (value && key !== "bbox" && key !== "csrfmiddlewaretoken") { query.append(key, value); }
      });
    }
    return query;
  }

  var pending = null;
  function loadFlows() {
    var query = params();
    if (listLink) { listLink.href = d.listUrl + (query.toString() ? "?" + query.toString() : ""); }
    var b = map.getBounds();
    query.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(d.flowsUrl + "?" + query.toString(), { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        markers.clearLayers(); cells.clearLayers();
        if (data.clustered) {
          L.geoJSON(data, { pointToLayer: cellMarker }).addTo(cells);
          status.textContent = d.labelClustered.replace("%(n)s", data.total);
        } else {
          markers.addLayers ? markers.addLayers(L.geoJSON(data, { pointToLayer: flowMarker }).getLayers())
                            : L.geoJSON(data, { pointToLayer: flowMarker }).addTo(markers);
          status.textContent = d.labelCount.replace("%(n)s", data.total);
        }
        el.dataset.featureCount = String(data.total);
        el.dataset.loaded = "true";
      })
      .catch(function (err) { if (err.name !== "AbortError") { status.textContent = d.labelError; } });
  }

  function loadSynergies() {
    fetch(d.synergiesUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) {
        L.geoJSON(data, {
          style: function (f) { return { className: "synergy-line synergy-" + f.properties.stage, weight: 3 }; },
          onEachFeature: function (f, layer) {
            var p = f.properties;
            var box = document.createElement("div");
            box.appendChild(text("div", d.labelSynergy + " · " + p.stage_label, "fw-semibold"));
            box.appendChild(text("div", p.category));
            box.appendChild(text("div", (p.from_company ? p.from_company + ", " : "") + p.from_commune + " → " +
              (p.to_company ? p.to_company + ", " : "") + p.to_commune));
            if (p.tonnes_per_year) { box.appendChild(text("div", p.tonnes_per_year + " " + d.labelTonnes)); }
            if (p.url) { var a = text("a", d.labelOpen); a.href = p.url; box.appendChild(a); }
            layer.bindPopup(box);
          }
        }).addTo(lines);
      })
      .catch(function () { /* the flows stay usable without the lines */ });
  }

  var timer = null;
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(loadFlows, 250); });
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = params().toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      loadFlows();
    });
    form.addEventListener("change", function () { loadFlows(); });
  }
  // The export takes the filters as they are now, not as they were when the page was loaded.
  var exportForm = document.getElementById("flow-export");
  if (exportForm) {
    exportForm.addEventListener("submit", function () {
      exportForm.querySelectorAll("input.export-filter").forEach(function (input) { input.remove(); });
      params().forEach(function (value, key) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = key; input.value = value; input.className = "export-filter";
        exportForm.appendChild(input);
      });
    });
  }
  loadFlows();
  loadSynergies();
})();
