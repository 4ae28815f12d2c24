"""The Streamlit app: the only package that imports streamlit. Pages call it; it calls the layers below."""
