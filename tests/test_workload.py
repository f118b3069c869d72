"""Workers where the cost model says they pay, and nowhere else (issue 30)."""
from __future__ import annotations

from generator.workload import checkers_for, compose_part_cards, estimate, expected_files, workers_for


def test_a_small_job_stays_in_one_process():
    # 100 poker cards on A4 and Letter sheets (and their master): starting workers costs
    # more than they would save (measured 0.7-1.0 s alone, 1.1-1.2 s with two workers).
    job = [("press", 200), ("sheets", 200), ("sheets", 200)]
    serial, parallel = estimate(job, 2)
    assert 0.3 < serial < 0.6 and parallel > serial
    assert workers_for(job, cores=2) == 0
    assert workers_for(expected_files(13, None), cores=2) == 0  # the flagship's eight files


def test_packs_of_a_hundred_cards_are_worth_two_workers():
    # Every file of 100 cards: 2.7 s of writing and checking in one process (measured);
    # two workers took 2.8-3.5 s where one process took 4.9 s, before the checks got quicker.
    job = expected_files(100, None)
    assert len(job) == 8
    serial, parallel = estimate(job, 2)
    assert 2.4 < serial < 3.4 and parallel < 0.8 * serial
    assert workers_for(job, cores=2) == 2
    assert workers_for(expected_files(1000, None), cores=8) == 4  # never more than four: each holds a whole file


def test_no_workers_on_one_core_or_for_one_file():
    assert workers_for(expected_files(3000, None), cores=1) == 0
    assert workers_for([("facilitator", 6000)], cores=2) == 0


def test_big_decks_are_composed_in_parts_and_only_where_it_pays():
    assert compose_part_cards(13, 2) == 0 and compose_part_cards(99, 2) == 0  # the parts' overhead outweighs their share
    assert compose_part_cards(1000, 2) == 125  # four parts a worker
    assert compose_part_cards(130, 2) == 25 and compose_part_cards(1000, 1) == 0
    # The press file alone of 1,000 cards: composing in two workers would save under a
    # fifth once they are started, so it stays in one process; every file of it does not.
    assert workers_for(expected_files(1000, ("press",)), cores=2, compose_cards=1000) == 0
    assert workers_for(expected_files(1000, None), cores=2, compose_cards=1000) == 2


def test_a_long_file_written_here_shares_its_checks_with_one_worker():
    # The press file alone of 1,000 cards: 0.86 s of checks (measured), half of them in a
    # worker started as the build begins; 100 cards, or the flagship, are not worth one.
    assert checkers_for(expected_files(1000, ("press",)), cores=2) == 1
    assert checkers_for(expected_files(100, ("press",)), cores=2) == 0
    assert checkers_for(expected_files(13, None), cores=2) == 0
    assert checkers_for(expected_files(1000, ("press",)), cores=1) == 0
    assert checkers_for(expected_files(1000, None), cores=2) == 0  # workers write and check every file
