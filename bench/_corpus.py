"""Indonesian text for generated ideas, comments and people: templates per category, filled with
Jakarta's places, so that titles and bodies read like the demo's and full-text search (Indonesian
stemming) meets realistic words. Deterministic for a given random.Random."""

from __future__ import annotations

import random

FIRST_NAMES = [
    "Budi",
    "Siti",
    "Ahmad",
    "Dewi",
    "Rina",
    "Agus",
    "Sri",
    "Andi",
    "Fitri",
    "Hendra",
    "Yuni",
    "Rudi",
    "Wati",
    "Dian",
    "Eko",
    "Nur",
    "Indah",
    "Joko",
    "Lestari",
    "Bambang",
    "Ratna",
    "Fajar",
    "Putri",
    "Hadi",
    "Ayu",
    "Rizky",
    "Maya",
    "Arief",
    "Nadia",
    "Teguh",
    "Sari",
    "Wahyu",
    "Intan",
    "Dimas",
    "Kartika",
    "Yusuf",
    "Anisa",
    "Hasan",
    "Rahmat",
    "Kurnia",
    "Lukman",
    "Mega",
    "Taufik",
    "Vina",
    "Irfan",
    "Nurul",
    "Bayu",
    "Citra",
]
LAST_NAMES = [
    "Santoso",
    "Rahmawati",
    "Fauzi",
    "Lestari",
    "Wijaya",
    "Hidayat",
    "Saputra",
    "Kusuma",
    "Pratama",
    "Sihombing",
    "Nasution",
    "Siregar",
    "Hutapea",
    "Simanjuntak",
    "Wibowo",
    "Setiawan",
    "Gunawan",
    "Harahap",
    "Lubis",
    "Purba",
    "Ginting",
    "Tanjung",
    "Rangkuti",
    "Batubara",
    "Syahputra",
    "Firmansyah",
    "Ramadhan",
    "Kurniawan",
    "Maulana",
    "Permana",
    "Suryadi",
    "Hakim",
]

# Per category: (what the idea proposes, the problem it tackles, problem sentences, solution
# sentences). {place} is a kecamatan or kelurahan.
TOPICS = {
    "traffic": (
        (
            "Lampu lalu lintas adaptif",
            "Jalur sepeda terlindung",
            "Angkutan pengumpan terjadwal",
            "Sensor antrean simpang",
            "Parkir terpadu berbasis aplikasi",
            "Penertiban parkir liar dengan kamera",
        ),
        ("kemacetan jam sibuk", "antrean kendaraan", "parkir liar", "waktu tempuh bus"),
        (
            "Pada jam sibuk antrean kendaraan di {place} mengular ratusan meter.",
            "Bus TransJakarta tertahan di simpang sehingga waktu tempuhnya sulit diandalkan.",
            "Parkir liar di bahu jalan {place} menyempitkan lajur dan memicu kemacetan.",
            "Warga {place} menghabiskan lebih dari satu jam untuk perjalanan pendek.",
        ),
        (
            "Siklus lampu diatur ulang setiap lima menit dari data ATCS dan GPS bus.",
            "Petugas dishub menerima peringatan otomatis saat antrean melewati batas.",
            "Rute pengumpan JakLingko dijadwalkan mengikuti jam masuk sekolah dan kantor.",
            "Data pelanggaran dibagikan kepada kecamatan untuk penindakan terpadu.",
        ),
    ),
    "flooding": (
        (
            "Sensor genangan",
            "Sirene peringatan dini banjir",
            "Sumur resapan komunal",
            "Pompa mobile terjadwal",
            "Peta rawan banjir terbuka",
            "Pengerukan saluran berbasis laporan warga",
        ),
        ("banjir", "genangan di underpass", "rob di pesisir", "saluran tersumbat"),
        (
            "Setiap musim hujan genangan setinggi lutut merendam jalan utama {place}.",
            "Warga {place} sering terlambat menerima peringatan kenaikan muka air.",
            "Saluran penghubung di {place} tersumbat sampah sehingga air meluap ke permukiman.",
            "Banjir rob merusak rumah dan perahu nelayan di pesisir {place}.",
        ),
        (
            "Sensor ketinggian air mengirim data ke Pusdatin SDA setiap menit.",
            "Sirene dan pesan singkat dikirim otomatis ke RT dan RW terdampak.",
            "Sumur resapan dibangun bersama warga di lahan fasilitas umum.",
            "Pompa mobile ditempatkan lebih dulu di titik yang diprediksi tergenang.",
        ),
    ),
    "social": (
        (
            "Layanan lansia terpadu",
            "Dapur umum berbasis data",
            "Pendampingan anak putus sekolah",
            "Posyandu digital",
            "Bank pangan kelurahan",
        ),
        ("lansia terlantar", "anak putus sekolah", "gizi buruk", "warga rentan"),
        (
            "Banyak lansia di {place} tinggal sendiri tanpa pendampingan.",
            "Data penerima bantuan sosial di {place} belum diperbarui bertahun-tahun.",
            "Anak-anak di {place} berhenti sekolah untuk membantu ekonomi keluarga.",
        ),
        (
            "Kader PKK mencatat kebutuhan warga rentan dalam satu aplikasi bersama.",
            "Bantuan disalurkan berdasarkan data terpadu yang diverifikasi setiap bulan.",
            "Relawan kelurahan mendampingi keluarga dengan jadwal kunjungan rutin.",
        ),
    ),
    "public-service": (
        (
            "Antrean daring",
            "Layanan jemput bola",
            "Satu formulir untuk semua izin",
            "Loket keliling",
            "Survei kepuasan langsung",
        ),
        ("antrean panjang di kantor layanan", "syarat berulang", "izin yang lambat"),
        (
            "Warga {place} harus datang berkali-kali karena syarat yang berubah-ubah.",
            "Antrean di kantor kelurahan {place} dimulai sebelum subuh.",
            "Izin usaha mikro di {place} memakan waktu berminggu-minggu.",
        ),
        (
            "Warga memilih jam layanan dari ponsel dan menerima pengingat.",
            "Petugas datang ke RW dengan perangkat perekaman keliling.",
            "Data yang sudah ada di Dukcapil tidak diminta ulang kepada warga.",
        ),
    ),
    "integrity": (
        (
            "Dasbor pengadaan terbuka",
            "Kanal pelaporan gratifikasi",
            "Rotasi petugas layanan",
            "Tanda tangan elektronik untuk disposisi",
            "Pakta integritas digital",
        ),
        ("pungutan liar", "konflik kepentingan", "pengadaan yang tertutup"),
        (
            "Laporan pungutan liar di layanan {place} sulit ditindaklanjuti.",
            "Proses pengadaan barang di unit kerja belum dapat dipantau publik.",
            "Pegawai ragu melaporkan gratifikasi karena takut identitasnya terbuka.",
        ),
        (
            "Setiap paket pengadaan ditampilkan dengan tahapan dan nilainya.",
            "Laporan masuk langsung ke Inspektorat dengan identitas pelapor dilindungi.",
            "Disposisi tercatat dengan waktu dan nama pejabat sehingga dapat diaudit.",
        ),
    ),
    "environment": (
        (
            "Bank sampah digital",
            "Taman kota mikro",
            "Pemantauan kualitas udara sekolah",
            "Kompos komunal",
            "Uji emisi keliling",
        ),
        ("polusi udara", "sampah plastik", "ruang hijau yang sempit"),
        (
            "Kualitas udara di sekitar sekolah {place} sering masuk kategori tidak sehat.",
            "Sampah plastik menumpuk di kali dan pinggir jalan {place}.",
            "Ruang terbuka hijau di {place} kurang dari lima persen luas wilayah.",
        ),
        (
            "Sensor udara murah dipasang di sekolah dan datanya terbuka untuk warga.",
            "Sampah terpilah ditukar poin yang dapat dipakai membayar retribusi.",
            "Lahan sisa di bawah jalan layang dijadikan taman bersama warga.",
        ),
    ),
    "digital": (
        (
            "Satu data kelurahan",
            "Chatbot layanan warga",
            "Arsip digital surat-menyurat",
            "Integrasi data bantuan",
            "Dasbor kinerja unit",
        ),
        ("data yang tersebar", "surat manual", "layanan yang tidak terhubung"),
        (
            "Data warga di {place} tersimpan di banyak lembar kerja yang tidak sinkron.",
            "Surat-menyurat antarunit masih dicetak dan diantar manual.",
            "Warga tidak tahu status permohonannya tanpa datang ke kantor.",
        ),
        (
            "Seluruh unit memakai satu basis data yang diperbarui harian.",
            "Chatbot menjawab pertanyaan umum dan meneruskan kasus khusus ke petugas.",
            "Status permohonan dapat dilacak dari ponsel dengan nomor registrasi.",
        ),
    ),
}

COMMENTS = (
    "Setuju, masalah ini juga terjadi di wilayah kami.",
    "Apakah sudah dihitung kebutuhan anggarannya?",
    "Ide bagus, bisa diuji coba dulu di satu kelurahan.",
    "Perlu melibatkan pengurus RT dan RW sejak awal.",
    "Kami di {place} siap menjadi lokasi percontohan.",
    "Bagaimana pemeliharaannya setelah tahun pertama?",
    "Data pendukungnya bisa diambil dari Satu Data Jakarta.",
    "Mohon dipertimbangkan akses bagi penyandang disabilitas.",
)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def idea_text(rng: random.Random, category: str, place: str) -> tuple[str, str, str, str]:
    """(title, problem, solution, expected impact) for an idea of `category` in `place`."""
    proposals, problems, problem_lines, solution_lines = TOPICS[category]
    title = f"{rng.choice(proposals)} untuk mengatasi {rng.choice(problems)} di {place}"
    problem = " ".join(line.format(place=place) for line in rng.sample(problem_lines, 2))
    solution = " ".join(rng.sample(solution_lines, 2))
    impact = f"Warga {place} merasakan layanan yang lebih cepat dan dapat diukur setiap bulan."
    return title, problem, solution, impact


def comment_text(rng: random.Random, place: str) -> str:
    return rng.choice(COMMENTS).format(place=place)
