"""The map of Hesse: the Folium page, its data endpoints and popup details."""
