// Site form: a small latitude/longitude picker on Leaflet (django-leaflet's form widget needs
// GDAL). Clicking the map or dragging the pin fills the latitude and longitude inputs; typing in
// them moves the pin; "place at the commune" empties them. No inline script (strict CSP).
(function () {
  "use strict";

  function number(value) {
    const n = parseFloat(String(value || "").replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }

  function setup(el) {
    if (typeof L === "undefined") return;
    const latInput = document.querySelector("[data-site-lat]");
    const lonInput = document.querySelector("[data-site-lon]");
    if (!latInput || !lonInput) return;
    const lat = number(latInput.value);
    const lon = number(lonInput.value);
    const centreLat = number(el.dataset.centreLat);
    const centreLon = number(el.dataset.centreLon);
    const start = lat !== null && lon !== null ? [lat, lon] : centreLat !== null ? [centreLat, centreLon] : [44.6, 7.0];
    const map = L.map(el).setView(start, lat !== null || centreLat !== null ? 13 : 7);
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    let pin = null;

    function place(pointLat, pointLon, fromInputs) {
      if (pointLat === null || pointLon === null) {
        if (pin) pin.remove();
        pin = null;
        return;
      }
      if (!pin) {
        pin = L.marker([pointLat, pointLon], { draggable: true, keyboard: true }).addTo(map);
        pin.on("dragend", function () {
          const p = pin.getLatLng();
          latInput.value = p.lat.toFixed(5);
          lonInput.value = p.lng.toFixed(5);
        });
      } else {
        pin.setLatLng([pointLat, pointLon]);
      }
      if (!fromInputs) {
        latInput.value = pointLat.toFixed(5);
        lonInput.value = pointLon.toFixed(5);
      }
    }

    place(lat, lon, true);
    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng, false);
    });
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("input", function () {
        place(number(latInput.value), number(lonInput.value), true);
      });
    });
    findAddress(map, latInput);
    const clear = document.querySelector("[data-site-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        latInput.value = "";
        lonInput.value = "";
        place(null, null, true);
      });
    }
  }

  // "Find the commune of the address": the typed address is matched against the gazetteer on the
  // server (no outside geocoding); the commune is filled in and the map shows it. Ambiguous
  // addresses list their candidates as buttons. Without this script, saving does the same.
  function findAddress(map, latInput) {
    const button = document.querySelector("[data-site-find-address]");
    const status = document.querySelector("[data-site-address-status]");
    const address = document.querySelector("[name=address]");
    const communeValue = document.querySelector("input[type=hidden][name=commune]");
    const communeText = document.querySelector("[name=commune_text]");
    if (!button || !status || !address || !communeValue || !communeText || !window.fetch) return;
    button.hidden = false;

    function choose(commune) {
      communeValue.value = String(commune.value);
      communeText.value = commune.label;
      status.textContent = commune.label;
      if (latInput.value === "") map.setView([commune.latitude, commune.longitude], 13);
    }

    button.addEventListener("click", function () {
      status.textContent = "";
      fetch(button.dataset.url + "?address=" + encodeURIComponent(address.value), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          if (data.commune) {
            choose(data.commune);
            return;
          }
          const message = document.createElement("p");
          message.className = "text-danger mb-1";
          message.textContent = data.message;
          status.appendChild(message);
          (data.candidates || []).forEach(function (commune) {
            const pick = document.createElement("button");
            pick.type = "button";
            pick.className = "btn btn-outline-primary btn-sm me-1 mb-1";
            pick.textContent = commune.label;
            pick.addEventListener("click", function () {
              choose(commune);
            });
            status.appendChild(pick);
          });
        });
    });
  }

  document.querySelectorAll("[data-site-map]").forEach(setup);
})();
