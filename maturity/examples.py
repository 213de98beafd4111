"""Labelled example questions for the four aspects of the 2025 instrument. They show the
structure (weights, single and multiple choice, scored options, evidence) and are marked
``is_example``: national administrators replace them with the official questions."""
from django.db import transaction

from .models import Aspect, Option, Question

SINGLE, MULTIPLE = Question.Kind.SINGLE, Question.Kind.MULTIPLE
REQUIRED, OPTIONAL = Question.Evidence.REQUIRED, Question.Evidence.OPTIONAL

EXAMPLES = [
    (Aspect.PERENCANAAN, "Apakah hub memiliki rencana kerja tahunan pembinaan inovasi yang disahkan pimpinan?", SINGLE, "2", REQUIRED,
     [("Belum ada", "0"), ("Ada, belum disahkan", "2"), ("Ada dan disahkan pimpinan", "4")]),
    (Aspect.PERENCANAAN, "Apakah rencana kerja memuat target inovasi dan replikasi per kabupaten/kota?", SINGLE, "1", OPTIONAL,
     [("Tidak", "0"), ("Sebagian kabupaten/kota", "1"), ("Seluruh kabupaten/kota", "2")]),
    (Aspect.PELEMBAGAAN, "Dasar hukum pembinaan inovasi yang dimiliki hub (boleh lebih dari satu):", MULTIPLE, "2", REQUIRED,
     [("Peraturan kepala daerah/menteri tentang inovasi", "2"), ("Keputusan pembentukan tim hub", "1"),
      ("Anggaran khusus pembinaan inovasi", "1")]),
    (Aspect.PELEMBAGAAN, "Unit yang mengoordinasikan hub:", SINGLE, "1", OPTIONAL,
     [("Belum ditetapkan", "0"), ("Ditetapkan, tanpa personel tetap", "1"), ("Ditetapkan dengan personel tetap", "2")]),
    (Aspect.PENYEBARLUASAN, "Kegiatan penyebarluasan inovasi dalam setahun terakhir (boleh lebih dari satu):", MULTIPLE, "2", OPTIONAL,
     [("Coaching clinic/klinik inovasi", "1"), ("Forum replikasi (FRIPP)", "1"), ("Portal atau publikasi inovasi daerah", "1")]),
    (Aspect.PENYEBARLUASAN, "Berapa instansi anggota yang didampingi mengikuti KIPP tahun ini?", SINGLE, "1", OPTIONAL,
     [("Tidak ada", "0"), ("1-5 instansi", "1"), ("Lebih dari 5 instansi", "2")]),
    (Aspect.EVALUASI, "Apakah hub memantau keberlanjutan inovasi anggotanya?", SINGLE, "2", REQUIRED,
     [("Tidak", "0"), ("Sesekali, tanpa laporan", "1"), ("Berkala dengan laporan tertulis", "3")]),
    (Aspect.EVALUASI, "Apakah hasil evaluasi ditindaklanjuti dalam rencana tahun berikutnya?", SINGLE, "1", OPTIONAL,
     [("Tidak", "0"), ("Ya", "1")]),
]


@transaction.atomic
def install_examples(cycle):
    numbers = {}
    for aspect, text, kind, weight, evidence, options in EXAMPLES:
        numbers[aspect] = numbers.get(aspect, 0) + 1
        question = Question.objects.create(cycle=cycle, aspect=aspect, number=numbers[aspect], text=text, kind=kind,
                                           weight=weight, evidence=evidence, is_example=True)
        Option.objects.bulk_create([Option(question=question, text=label, score=score, sort_order=n)
                                    for n, (label, score) in enumerate(options)])
    return len(EXAMPLES)


def install_instrument(cycle):
    """A new cycle's questions: the previous year's, else the labelled examples; nothing when it has some."""
    from .rules import copy_instrument, previous_cycle

    if cycle.questions.exists():
        return 0
    previous = previous_cycle(cycle)
    if previous is not None and previous.questions.exists():
        return copy_instrument(previous, cycle)
    return install_examples(cycle)
