"""How pages are shared out among worker processes (the output is compared with one process in
tests/test_incremental.py)."""

from __future__ import annotations

from site_builder.parallel import MAX_CHUNK, MAX_CHUNK_DOWNLOADS, chunk_size


def test_large_sites_send_many_pages_a_message_and_small_ones_one() -> None:
    assert chunk_size(10_000, 2, downloads=False) == MAX_CHUNK
    assert chunk_size(10_000, 2, downloads=True) == MAX_CHUNK_DOWNLOADS
    assert chunk_size(46, 2, downloads=True) == 1  # the sample site's pages, each with its Word and PDF files
    assert chunk_size(0, 2, downloads=False) == 1


def test_every_worker_gets_at_least_sixteen_messages_when_there_are_enough_pages() -> None:
    for jobs in (1, 2, 3, 8):
        for tasks in range(0, 5000, 7):
            for downloads in (False, True):
                size = chunk_size(tasks, jobs, downloads)
                assert 1 <= size <= (MAX_CHUNK_DOWNLOADS if downloads else MAX_CHUNK)
                if tasks >= jobs * 16:
                    assert -(-tasks // size) >= jobs * 16, (tasks, jobs, size)
