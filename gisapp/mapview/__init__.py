"""The interactive web map: offline assets, basemaps, display geometry, folium map building."""
