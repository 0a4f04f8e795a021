"""The command palette: every place and every action of the app, findable from anywhere.

`catalog` declares them (one list, no Textual); `providers` offers them to Textual's
palette, one provider per kind; `palette` is the palette itself, in the chosen language.
"""
