"""The reflection journal (Reflectie), the Self-Reg analysis and the teacher's own check-in.

timeline.py is the place (key d): every school year's entries, search, filters, tag
counts; editor.py writes an entry (drafts kept durably while she types), prompt.py picks
a prompt, entry_view.py reads one, filters.py and pick.py are its dialogs. analysis.py
is the five-step analysis (any step first), analysis_page.py reads a finished one back;
my_check_in.py is her own check-in with her zones over the weeks; today.py the lines
Today shows; child_section.py her analyses on the child's page. Nothing is imported
here: Today needs today.py alone at the start (the palette's and the help's checks walk
the package).
"""
