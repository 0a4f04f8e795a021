"""Human-readable reports of domain results, in the chosen language. No Textual."""
