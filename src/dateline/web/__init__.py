"""The page's own files: HTML templates and our JavaScript and CSS (package data). The
libraries it uses come from npm (node_modules), served by :mod:`dateline.api.pages`."""
