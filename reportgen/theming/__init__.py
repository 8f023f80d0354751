"""Templates: lookup, the theme schema with `extends`, checks, glyph coverage, bundled assets."""
