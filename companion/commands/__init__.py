"""The command palette: what a teacher can type to go somewhere or do something.

`catalog` declares the places and the actions of every screen (one list, no Textual);
each kind has its provider module (`places`, `actions`, `children`, `system`: Textual's
own commands), and `registry` lists them for the app: a new kind of search (the
journal's, say) is one module here and one line there. `palette` is Textual's palette
in the chosen language; `theme` keeps the theme the teacher picks across restarts.
"""
