"""Bringing users' own geometry in: reading their files, finding the CRS, matching names, tracing plan figures."""
