"""Report builders shared by the commands and the HTML page.

A command turns its options into a result and hands it to a builder here; `uzit report` calls
the same builders, so a label, a note, a "so far" or an assumption marker reads the same in a
table, a machine format and the page. Nothing here imports Typer or a module of `commands/`.

- `residents`: the residents table of `uzit list` (`tabular`: spreadsheet-ready tables);
- `stats`: the summary, the published figures checked, the breakdowns of `uzit stats`;
- `projection`: the scenarios, the final year and the explanation of `uzit project`;
- `sources`: the sources a registry cites;
- `notices`: the notices every report carries.
"""
