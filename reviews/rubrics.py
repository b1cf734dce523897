"""Rubric templates that ship with Gagasan; custom rubrics are made in the admin."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CriterionTemplate:
    name: str
    description: str
    weight: int
    min_value: int
    max_value: int


@dataclass(frozen=True)
class RubricTemplate:
    key: str
    title: str
    source: str
    criteria: tuple[CriterionTemplate, ...]


PERMENPAN_91_2021 = RubricTemplate(
    key="permenpan-91-2021",
    title="Kriteria inovasi pelayanan publik (Permenpan RB 91/2021)",
    source="Peraturan Menteri PANRB Nomor 91 Tahun 2021 tentang Pembinaan Inovasi Pelayanan Publik",
    criteria=(
        CriterionTemplate(
            "Kebaruan",
            "Memuat pendekatan baru atau memodifikasi cara lama sehingga berbeda dari yang sudah "
            "ada, baik dalam proses, produk, maupun metode pelayanan.",
            25,
            1,
            5,
        ),
        CriterionTemplate(
            "Efektif",
            "Memberikan hasil nyata dan terukur dalam menjawab masalah yang dituju.",
            20,
            1,
            5,
        ),
        CriterionTemplate(
            "Bermanfaat",
            "Meningkatkan kualitas pelayanan publik dan dirasakan manfaatnya oleh masyarakat "
            "atau pemangku kepentingan.",
            25,
            1,
            5,
        ),
        CriterionTemplate(
            "Mudah direplikasi",
            "Dapat disebarluaskan dan ditiru oleh perangkat daerah atau instansi lain dengan "
            "penyesuaian yang wajar.",
            15,
            1,
            5,
        ),
        CriterionTemplate(
            "Berkelanjutan",
            "Dapat terus diterapkan: didukung kebijakan, anggaran, sumber daya, dan komitmen "
            "pimpinan setelah masa uji coba.",
            15,
            1,
            5,
        ),
    ),
)

KIPP = RubricTemplate(
    key="kipp",
    title="Penilaian ala Kompetisi Inovasi Pelayanan Publik (KIPP)",
    source="Kriteria substansi proposal KIPP Kementerian PANRB (SiNovik)",
    criteria=(
        CriterionTemplate(
            "Urgensi dan signifikansi",
            "Seberapa penting masalah yang dijawab bagi warga Jakarta dan tujuan pembangunan.",
            20,
            1,
            10,
        ),
        CriterionTemplate(
            "Kebaruan",
            "Keunikan gagasan dibanding praktik yang sudah ada di Jakarta maupun daerah lain.",
            20,
            1,
            10,
        ),
        CriterionTemplate(
            "Dampak sebelum dan sesudah",
            "Perubahan yang terukur antara keadaan sebelum dan sesudah inovasi diterapkan.",
            25,
            1,
            10,
        ),
        CriterionTemplate(
            "Transferabilitas",
            "Kemungkinan inovasi diadopsi oleh unit, wilayah, atau instansi lain.",
            20,
            1,
            10,
        ),
        CriterionTemplate(
            "Keberlanjutan",
            "Kesiapan kelembagaan, sumber daya, dan pendanaan agar inovasi bertahan.",
            15,
            1,
            10,
        ),
    ),
)

RUBRICS = {rubric.key: rubric for rubric in (PERMENPAN_91_2021, KIPP)}
