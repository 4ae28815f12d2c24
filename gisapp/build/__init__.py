"""The deterministic build of layers/*.geojson from documented inputs."""
