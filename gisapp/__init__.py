"""Dongchangfu Plan Atlas: the district's spatial plans as a cited, mappable knowledge base."""

__version__ = "0.1.0"
