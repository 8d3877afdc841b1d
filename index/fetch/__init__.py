"""`reportqa fetch`: download report pages and PDFs politely into a corpus folder.

``urls`` checks and normalises addresses, ``names`` turns them into safe file names,
``client`` sends the requests (delay, retries, redirects, conditional GET, size cap),
``robots`` reads robots.txt, ``pages`` reads links and metadata from HTML,
``state`` keeps what was fetched (so a run resumes), ``sidecar`` writes metadata.csv
and ``run`` ties them together.
"""
