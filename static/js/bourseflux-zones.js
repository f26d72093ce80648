// Pilot zones and workshops: the zone map (centre picker on the form, flows and companies on the
// zone page) and the workshop grid's "add a row" button. No inline script (strict CSP).
(function () {
  "use strict";

  function number(value) {
    const n = parseFloat(String(value || "").replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }

  function setupMap(el) {
    if (typeof L === "undefined") return;
    const lat = number(el.dataset.lat);
    const lon = number(el.dataset.lon);
    const map = L.map(el).setView(lat !== null && lon !== null ? [lat, lon] : [44.6, 7.0], lat !== null ? 10 : 7);
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    let circle = null;
    function draw(centreLat, centreLon, radiusKm) {
      if (circle) circle.remove();
      if (centreLat === null || centreLon === null) return;
      circle = L.circle([centreLat, centreLon], { radius: (radiusKm || 1) * 1000, fill: true, fillOpacity: 0.08 });
      circle.addTo(map);
    }
    draw(lat, lon, number(el.dataset.radius));
    if (circle) map.fitBounds(circle.getBounds());

    if (el.hasAttribute("data-picker")) {
      const latInput = document.querySelector("[data-zone-lat]");
      const lonInput = document.querySelector("[data-zone-lon]");
      const radiusInput = document.querySelector("[data-zone-radius]");
      const redraw = () => draw(number(latInput.value), number(lonInput.value), number(radiusInput.value));
      map.on("click", function (event) {
        latInput.value = event.latlng.lat.toFixed(5);
        lonInput.value = event.latlng.lng.toFixed(5);
        redraw();
      });
      [latInput, lonInput, radiusInput].forEach((input) => input && input.addEventListener("input", redraw));
    }

    if (el.dataset.geojsonUrl) {
      fetch(el.dataset.geojsonUrl, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then(function (data) {
          L.geoJSON(data, {
            pointToLayer: function (feature, latlng) {
              const p = feature.properties;
              const colour = p.kind === "company" ? "#6c757d" : p.direction === "offer" ? "#198754" : "#0d6efd";
              return L.circleMarker(latlng, { radius: p.kind === "company" ? 5 : 7, color: colour });
            },
            onEachFeature: function (feature, layer) {
              const p = feature.properties;
              const box = document.createElement("div");
              const title = document.createElement(p.url ? "a" : "strong");
              title.textContent = p.title;
              if (p.url) title.href = p.url;
              box.appendChild(title);
              if (p.company) {
                const line = document.createElement("div");
                const label = p.direction === "offer" ? el.dataset.labelOffer : el.dataset.labelNeed;
                line.textContent = label + " · " + p.company;
                box.appendChild(line);
              }
              layer.bindPopup(box);
            },
          }).addTo(map);
        })
        .catch(function () {});
    }
  }

  function setupGrid(button) {
    const form = button.closest("form");
    const body = form.querySelector("[data-grid-body]");
    const template = document.getElementById("grid-row-template");
    const total = form.querySelector("input[name='" + button.dataset.prefix + "-TOTAL_FORMS']");
    button.addEventListener("click", function () {
      const index = parseInt(total.value, 10);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      const holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      const row = holder.firstElementChild;
      body.appendChild(row);
      total.value = String(index + 1);
      const first = row.querySelector("select, input");
      if (first) first.focus();
    });
    body.addEventListener("click", function (event) {
      const remove = event.target.closest("[data-grid-remove]");
      if (!remove) return;
      // Emptying a row is enough: the server ignores rows left blank, and indexes stay contiguous.
      const row = remove.closest("[data-grid-row]");
      row.querySelectorAll("input, select").forEach(function (field) {
        if (field.tagName === "SELECT") field.selectedIndex = field.querySelector("option[selected]") ? field.querySelector("option[selected]").index : 0;
        else field.value = "";
      });
      row.hidden = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-zone-map]").forEach(setupMap);
    document.querySelectorAll("[data-grid-add]").forEach(setupGrid);
  });
})();
