"""Report builders shared by the commands and the HTML page."""
