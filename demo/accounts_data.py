"""Demo reference data for `seed_demo`: Jakarta's regions and agencies, and the demo accounts.

Plain tuples and dicts, no Django: the command turns them into rows. Region codes are the
Kemendagri codes (Kepmendagri 300.2.2-2138/2025), so they match BMKG, Dukcapil and SIPD data;
note that Kemendagri numbers the cities Pusat, Utara, Barat, Selatan, Timur (31.71 .. 31.75),
unlike BPS. Agency and region kinds are the values of `Agency.Kind` and `Region.Kind`.
"""

DEMO_PASSWORD = "gagasan-demo"

# The 6 top-level regions, each with all its kecamatan (44 in all).
REGIONS = (
    {
        "code": "31.01",
        "name": "Kepulauan Seribu",
        "kind": "kabupaten",
        "districts": (
            ("31.01.01", "Kepulauan Seribu Utara"),
            ("31.01.02", "Kepulauan Seribu Selatan"),
        ),
    },
    {
        "code": "31.71",
        "name": "Jakarta Pusat",
        "kind": "kota",
        "districts": (
            ("31.71.01", "Gambir"),
            ("31.71.02", "Sawah Besar"),
            ("31.71.03", "Kemayoran"),
            ("31.71.04", "Senen"),
            ("31.71.05", "Cempaka Putih"),
            ("31.71.06", "Menteng"),
            ("31.71.07", "Tanah Abang"),
            ("31.71.08", "Johar Baru"),
        ),
    },
    {
        "code": "31.72",
        "name": "Jakarta Utara",
        "kind": "kota",
        "districts": (
            ("31.72.01", "Penjaringan"),
            ("31.72.02", "Tanjung Priok"),
            ("31.72.03", "Koja"),
            ("31.72.04", "Cilincing"),
            ("31.72.05", "Pademangan"),
            ("31.72.06", "Kelapa Gading"),
        ),
    },
    {
        "code": "31.73",
        "name": "Jakarta Barat",
        "kind": "kota",
        "districts": (
            ("31.73.01", "Cengkareng"),
            ("31.73.02", "Grogol Petamburan"),
            ("31.73.03", "Taman Sari"),
            ("31.73.04", "Tambora"),
            ("31.73.05", "Kebon Jeruk"),
            ("31.73.06", "Kalideres"),
            ("31.73.07", "Palmerah"),
            ("31.73.08", "Kembangan"),
        ),
    },
    {
        "code": "31.74",
        "name": "Jakarta Selatan",
        "kind": "kota",
        "districts": (
            ("31.74.01", "Tebet"),
            ("31.74.02", "Setiabudi"),
            ("31.74.03", "Mampang Prapatan"),
            ("31.74.04", "Pasar Minggu"),
            ("31.74.05", "Kebayoran Lama"),
            ("31.74.06", "Cilandak"),
            ("31.74.07", "Kebayoran Baru"),
            ("31.74.08", "Pancoran"),
            ("31.74.09", "Jagakarsa"),
            ("31.74.10", "Pesanggrahan"),
        ),
    },
    {
        "code": "31.75",
        "name": "Jakarta Timur",
        "kind": "kota",
        "districts": (
            ("31.75.01", "Matraman"),
            ("31.75.02", "Pulo Gadung"),
            ("31.75.03", "Jatinegara"),
            ("31.75.04", "Kramat Jati"),
            ("31.75.05", "Pasar Rebo"),
            ("31.75.06", "Cakung"),
            ("31.75.07", "Duren Sawit"),
            ("31.75.08", "Makasar"),
            ("31.75.09", "Ciracas"),
            ("31.75.10", "Cipayung"),
        ),
    },
)

# A few kelurahan the sample ideas point at (riverbanks, the coast, the islands):
# (code, name, kecamatan code).
VILLAGES = (
    ("31.01.01.1001", "Pulau Panggang", "31.01.01"),
    ("31.01.02.1003", "Pulau Pari", "31.01.02"),
    ("31.71.07.1005", "Kebon Melati", "31.71.07"),
    ("31.72.01.1002", "Kamal Muara", "31.72.01"),
    ("31.72.01.1005", "Pluit", "31.72.01"),
    ("31.73.01.1003", "Rawa Buaya", "31.73.01"),
    ("31.74.01.1005", "Bukit Duri", "31.74.01"),
    ("31.74.01.1007", "Manggarai", "31.74.01"),
    ("31.74.04.1005", "Pejaten Timur", "31.74.04"),
    ("31.75.03.1001", "Kampung Melayu", "31.75.03"),
    ("31.75.03.1002", "Bidara Cina", "31.75.03"),
    ("31.75.08.1005", "Cipinang Melayu", "31.75.08"),
)

# Perangkat daerah: (code, name, kind, region code or None, headcount: ASN working there, in
# proportions like the province's; the demo's 29 agencies hold about 67,000).
AGENCIES = (
    ("DISHUB", "Dinas Perhubungan", "dinas", None, 3400),
    ("DSDA", "Dinas Sumber Daya Air", "dinas", None, 2600),
    ("DINSOS", "Dinas Sosial", "dinas", None, 1800),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", None, 620),
    ("BINAMARGA", "Dinas Bina Marga", "dinas", None, 2100),
    ("INSPEKTORAT", "Inspektorat", "inspektorat", None, 540),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", None, 1450),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", None, 1500),
    ("DISKOMINFOTIK", "Dinas Komunikasi, Informatika dan Statistik", "dinas", None, 410),
    ("DLH", "Dinas Lingkungan Hidup", "dinas", None, 3100),
    ("DINKES", "Dinas Kesehatan", "dinas", None, 9800),
    ("DISDIK", "Dinas Pendidikan", "dinas", None, 21500),
    (
        "DPPAPP",
        "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
        "dinas",
        None,
        520,
    ),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "satpol_pp", None, 4200),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan", None, 380),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", None, 1950),
    ("BPAD", "Badan Pengelolaan Aset Daerah", "badan", None, 460),
    ("BIRO-ORB", "Biro Organisasi dan Reformasi Birokrasi", "biro", None, 95),
    ("BIRO-TAPEM", "Biro Tata Pemerintahan", "biro", None, 110),
    ("CKTRP", "Dinas Cipta Karya, Tata Ruang dan Pertanahan", "dinas", None, 1200),
    ("DISTAMHUT", "Dinas Pertamanan dan Hutan Kota", "dinas", None, 1900),
    ("GULKARMAT", "Dinas Penanggulangan Kebakaran dan Penyelamatan", "dinas", None, 3900),
    ("DPRKP", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "dinas", None, 780),
    ("DKPKP", "Dinas Ketahanan Pangan, Kelautan dan Pertanian", "dinas", None, 890),
    ("DISPAREKRAF", "Dinas Pariwisata dan Ekonomi Kreatif", "dinas", None, 420),
    ("DISPORA", "Dinas Pemuda dan Olahraga", "dinas", None, 560),
    ("SUDINHUB-JB", "Suku Dinas Perhubungan Jakarta Barat", "suku_dinas", "31.73", 310),
    ("SUDINSDA-JT", "Suku Dinas Sumber Daya Air Jakarta Timur", "suku_dinas", "31.75", 420),
    ("SUDINSOS-JU", "Suku Dinas Sosial Jakarta Utara", "suku_dinas", "31.72", 150),
)

# NIP: birth date (YYYYMMDD) + TMT CPNS (YYYYMM) + sex (1 male, 2 female) + sequence (3 digits).
# `groups` are role group names from accounts.roles.
ACCOUNTS = (
    {
        "username": "admin",
        "full_name": "Rina Marlina Siregar",
        "nip": "198403122009032004",
        "agency": "BIRO-ORB",
        "groups": ("admin",),
        "is_staff": True,
    },
    {
        "username": "pimpinan",
        "full_name": "Hendra Gunawan Saputra",
        "nip": "197108051996031002",
        "agency": "BAPPEDA",
        "groups": ("leadership",),
    },
    {
        "username": "reviewer1",
        "full_name": "Dewi Kartika Sari",
        "nip": "198011212005012003",
        "agency": "INSPEKTORAT",
        "groups": ("reviewer",),
    },
    {
        "username": "reviewer2",
        "full_name": "Bambang Sutrisno",
        "nip": "197602142000121001",
        "agency": "BAPPEDA",
        "groups": ("reviewer",),
    },
    {
        "username": "reviewer3",
        "full_name": "Nurul Hidayah",
        "nip": "198706302011042002",
        "agency": "DISKOMINFOTIK",
        "groups": ("reviewer",),
    },
    {
        "username": "staff1",
        "full_name": "Ahmad Fauzi",
        "nip": "199004172014021003",
        "agency": "DISHUB",
    },
    {
        "username": "staff2",
        "full_name": "Siti Rahmawati",
        "nip": "199209082019032007",
        "agency": "DISHUB",
    },
    {
        "username": "staff3",
        "full_name": "Budi Santoso",
        "nip": "198501252010011012",
        "agency": "DSDA",
    },
    {
        "username": "staff4",
        "full_name": "Yohana Sitorus",
        "nip": "199112022015032001",
        "agency": "DSDA",
    },
    {
        "username": "staff5",
        "full_name": "Muhammad Rizky Pratama",
        "nip": "199407192019031005",
        "agency": "BPBD",
    },
    {
        "username": "staff6",
        "full_name": "Fitriani Nasution",
        "nip": "198805112012022004",
        "agency": "DINSOS",
    },
    {
        "username": "staff7",
        "full_name": "Agus Setiawan",
        "nip": "198310032008031009",
        "agency": "DINSOS",
    },
    {
        "username": "staff8",
        "full_name": "Putri Ayu Lestari",
        "nip": "199502272020032003",
        "agency": "DPPAPP",
    },
    {
        "username": "staff9",
        "full_name": "Rudi Hartono Simanjuntak",
        "nip": "198608142011011006",
        "agency": "DPMPTSP",
    },
    {
        "username": "staff10",
        "full_name": "Lia Amalia",
        "nip": "199303092018022002",
        "agency": "DUKCAPIL",
    },
    {
        "username": "staff11",
        "full_name": "Fajar Nugroho",
        "nip": "198911232014031004",
        "agency": "DUKCAPIL",
    },
    {
        "username": "staff12",
        "full_name": "Maria Fransiska Lumban Gaol",
        "nip": "198707072010032005",
        "agency": "INSPEKTORAT",
    },
    {
        "username": "staff13",
        "full_name": "Dimas Aditya Wicaksono",
        "nip": "199201152017011008",
        "agency": "BINAMARGA",
    },
    {
        "username": "staff14",
        "full_name": "Indah Permatasari",
        "nip": "199010302015012003",
        "agency": "DLH",
    },
    {
        "username": "staff15",
        "full_name": "Joko Susilo",
        "nip": "198106122006031011",
        "agency": "SATPOLPP",
    },
    {
        "username": "staff16",
        "full_name": "Kevin Wijaya",
        "nip": "199604042022031001",
        "agency": "SUDINHUB-JB",
    },
    {
        "username": "staff17",
        "full_name": "Ratna Juwita",
        "nip": "198412182009022006",
        "agency": "SUDINSDA-JT",
    },
    {
        "username": "staff18",
        "full_name": "Syahrul Ramadhan",
        "nip": "199103282016031002",
        "agency": "SUDINSOS-JU",
    },
    {
        "username": "staff19",
        "full_name": "Anisa Fitri Handayani",
        "nip": "199411112019032008",
        "agency": "BAPENDA",
    },
    {
        "username": "staff20",
        "full_name": "Made Wirawan",
        "nip": "198802202013031007",
        "agency": "DISTAMHUT",
    },
)
