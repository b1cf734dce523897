"""Demo content for `seed_demo`: categories, two campaigns with their rubric and panel, sample
ideas, comments and panel reviews. Plain data, no Django; people are named by username and
regions by Kemendagri code (see accounts/demo_data.py).

Campaign windows are (opens, closes) in days relative to the moment of seeding. An idea's
`offset_days` is counted from its campaign's submission opening; for an idea outside any
campaign it is the number of days before seeding. A campaign's `rubric` is the key of a template
shipped in voting/rubrics.py.
"""

CATEGORIES = (
    # (slug, Indonesian name, English name)
    ("traffic", "Lalu Lintas & Kemacetan", "Traffic & congestion"),
    ("flooding", "Banjir", "Flooding"),
    ("social", "Sosial", "Social issues"),
    ("public-service", "Pelayanan Publik", "Public service"),
    ("integrity", "Integritas & Antikorupsi", "Integrity & anti-corruption"),
    ("environment", "Lingkungan", "Environment"),
    ("digital", "Transformasi Digital", "Digital transformation"),
)

KOTA_GLOBAL = "kota-global"
INTEGRITAS = "integritas"

CAMPAIGNS = (
    {
        "key": KOTA_GLOBAL,
        "title": "Jakarta Kota Global: Gagasan Inovasi ASN 2026",
        "description": (
            "Ajang gagasan bagi seluruh ASN Pemprov DKI Jakarta untuk menjawab tantangan kota "
            "global: kemacetan, banjir, isu sosial, pelayanan publik, integritas dan lingkungan. "
            "Ajukan gagasan, dukung gagasan rekan dari perangkat daerah lain, dan diskusikan "
            "cara mewujudkannya. Gagasan dengan dukungan terbanyak dinilai panel dengan kriteria "
            "inovasi pelayanan publik Permenpan RB 91/2021."
        ),
        "categories": (
            "traffic",
            "flooding",
            "social",
            "public-service",
            "integrity",
            "environment",
            "digital",
        ),
        # Submission and voting overlap: the campaign is in its voting phase while new ideas
        # still come in; the panel reviews after voting closes.
        "submission": (-21, 14),
        "voting": (-7, 21),
        "review": (21, 35),
        "status_after_seeding": None,
        "rubric": "permenpan-91-2021",
        "panel": ("reviewer1", "reviewer2", "reviewer3"),
    },
    {
        "key": INTEGRITAS,
        "title": "Birokrasi Bersih dan Melayani: Gagasan Integritas dan Pelayanan Publik",
        "description": (
            "Gagasan untuk mencegah korupsi dan membuat layanan publik lebih cepat, pasti dan "
            "transparan: pengendalian gratifikasi, keterbukaan pengadaan, pelaporan pelanggaran, "
            "serta layanan perizinan dan kependudukan yang tidak membuat warga bolak-balik. "
            "Pemungutan suara telah ditutup; panel sedang menilai gagasan yang masuk."
        ),
        "categories": ("integrity", "public-service", "digital"),
        "submission": (-60, -30),
        "voting": (-40, -10),
        "review": (-9, 12),
        # Voting is over, so its ideas go to the panel.
        "status_after_seeding": (
            "in_review",
            "Pemungutan suara telah selesai; gagasan diteruskan ke panel penilai.",
        ),
        "rubric": "kipp",
        "panel": ("reviewer1", "reviewer2", "reviewer3"),
        # Set when the campaign is created; an admin may change them afterwards.
        "blind_review": True,
        "popular_vote_weight": 0.3,
        # The review phase is open: every idea goes to two panel members, and some reviews are in.
        "reviewers_per_idea": 2,
    },
)


# Optional keys: co_authors, region, draft, votes (a fixed number of voters instead of a random
# one), status and status_note (an admin's decision after seeding).
IDEAS = (
    # -- Campaign "Jakarta Kota Global" --------------------------------------------------------
    {
        "key": "atcs-adaptif",
        "campaign": KOTA_GLOBAL,
        "offset_days": 2,
        "author": "staff1",
        "co_authors": ("staff13",),
        "category": "traffic",
        "region": "31.71.07",
        "votes": 18,
        "status": "shortlisted",
        "status_note": (
            "Masuk daftar pendek: dukungan tinggi dan dapat diuji coba dengan perangkat ATCS "
            "yang sudah terpasang."
        ),
        "title": (
            "Lampu lalu lintas adaptif di koridor Sudirman–Thamrin berbasis data ATCS dan "
            "GPS TransJakarta"
        ),
        "problem": (
            "Siklus lampu lalu lintas di banyak simpang koridor Sudirman–Thamrin masih memakai "
            "pola waktu tetap yang disusun bertahun-tahun lalu. Pada jam sibuk antrean dari arah "
            "Tanah Abang dan Karet mengular ratusan meter, sementara lampu hijau di arah yang "
            "sepi tetap menyala penuh. Bus TransJakarta ikut tertahan di simpang sehingga waktu "
            "tempuhnya sulit diandalkan."
        ),
        "solution": (
            "Memanfaatkan data yang sudah kita miliki: hitungan kendaraan dari kamera ATCS dan "
            "posisi GPS armada TransJakarta. Setiap 15 menit sistem menghitung ulang durasi "
            "hijau per fase berdasarkan panjang antrean dan memberi prioritas beberapa detik "
            "bagi bus yang mendekati simpang. Uji coba dimulai di lima simpang, dipantau dari "
            "ruang kendali Dinas Perhubungan, dengan tombol kembali ke pola lama bila terjadi "
            "gangguan."
        ),
        "expected_impact": (
            "Target awal: waktu tunggu rata-rata di lima simpang turun 15–20% dan ketepatan "
            "waktu bus koridor 1 meningkat. Bila berhasil, pola yang sama dapat diperluas ke "
            "simpang ATCS lain tanpa membeli perangkat keras baru."
        ),
    },
    {
        "key": "feeder-jagakarsa",
        "campaign": KOTA_GLOBAL,
        "offset_days": 4,
        "author": "staff2",
        "category": "traffic",
        "region": "31.74.09",
        "title": "Angkutan pengumpan JakLingko terjadwal untuk permukiman di Jagakarsa",
        "problem": (
            "Banyak warga Jagakarsa dan Srengseng Sawah tinggal 1–2 km dari halte TransJakarta "
            "atau Stasiun Lenteng Agung, tetapi gang-gangnya sempit dan tidak dilalui angkutan. "
            "Mereka akhirnya membawa motor atau mobil pribadi sampai ke tempat kerja dan menambah "
            "kemacetan di Jalan Raya Lenteng Agung setiap pagi."
        ),
        "solution": (
            "Menyusun rute mikrotrans JakLingko yang masuk ke kawasan permukiman dengan jadwal "
            "pasti setiap 10 menit pada jam sibuk. Rute dan titik henti ditentukan bersama RW "
            "berdasarkan survei asal-tujuan, dan perkiraan kedatangan ditampilkan di aplikasi "
            "JAKI."
        ),
        "expected_impact": (
            "Warga punya pilihan nyaman dari depan gang sampai stasiun dengan tarif "
            "terintegrasi. Sebagian pengguna motor diperkirakan beralih, dan data naik-turun "
            "penumpang dipakai untuk menata rute pengumpan di kecamatan lain."
        ),
    },
    {
        "key": "parkir-daan-mogot",
        "campaign": KOTA_GLOBAL,
        "offset_days": 5,
        "author": "staff16",
        "co_authors": ("staff15",),
        "category": "traffic",
        "region": "31.73.01",
        "title": (
            "Penataan parkir liar di koridor Daan Mogot dengan kantong parkir dan derek terjadwal"
        ),
        "problem": (
            "Parkir liar di bahu jalan sekitar pusat belanja dan ruko Daan Mogot memakan satu "
            "lajur. Lajur yang tersisa menjadi titik macet, bus berhenti di tengah jalan, dan "
            "pejalan kaki terpaksa turun ke badan jalan."
        ),
        "solution": (
            "Suku Dinas Perhubungan Jakarta Barat bekerja sama dengan pengelola gedung membuka "
            "kantong parkir di lahan yang sudah ada, dengan tarif wajar dan pembayaran nontunai. "
            "Setelah sosialisasi dua minggu, derek dan Satpol PP berpatroli pada jam yang "
            "diumumkan, dan setiap penindakan dicatat dengan foto berkoordinat."
        ),
        "expected_impact": (
            "Satu lajur kembali berfungsi sehingga kapasitas jalan bertambah pada jam sibuk. "
            "Retribusi parkir resmi naik dan pungutan parkir liar berkurang."
        ),
    },
    {
        "key": "jalan-berlubang-kamera",
        "campaign": KOTA_GLOBAL,
        "offset_days": 6,
        "author": "staff13",
        "co_authors": ("staff2",),
        "category": "traffic",
        "region": "31.75",
        "title": "Deteksi jalan berlubang dari kamera dasbor bus TransJakarta",
        "problem": (
            "Jalan berlubang biasanya baru diketahui setelah ada laporan warga atau kecelakaan. "
            "Pemeriksaan manual oleh petugas Bina Marga memakan waktu dan tidak dapat menjangkau "
            "seluruh ruas setiap minggu."
        ),
        "solution": (
            "Bus TransJakarta melintasi ruas-ruas utama setiap hari. Kami mengusulkan kamera "
            "dasbor sederhana di sejumlah bus Jakarta Timur; rekamannya diolah dengan model "
            "pengenalan gambar untuk menandai lubang dan retakan beserta koordinatnya. Temuan "
            "otomatis masuk ke antrean kerja Satgas Jalan dan tampil di peta."
        ),
        "expected_impact": (
            "Lubang terdeteksi sebelum membahayakan pengendara motor. Data historis membantu "
            "merencanakan pelapisan ulang ruas yang paling sering rusak."
        ),
    },
    {
        "key": "jam-kerja-bertahap",
        "campaign": KOTA_GLOBAL,
        "offset_days": 7,
        "author": "staff19",
        "co_authors": ("staff1",),
        "category": "traffic",
        "title": "Jam masuk kantor bertahap bagi ASN Pemprov untuk mengurai kemacetan pagi",
        "problem": (
            "Sebagian besar kantor pemerintahan, sekolah dan perusahaan di Jakarta memulai "
            "kegiatan pada jam yang hampir sama, sehingga puncak kemacetan pagi terkumpul dalam "
            "satu jam. Ganjil-genap membantu mengurangi jumlah mobil, tetapi tidak mengubah kapan "
            "orang berangkat."
        ),
        "solution": (
            "Pemprov memberi contoh: perangkat daerah yang tidak melayani publik langsung dibagi "
            "menjadi dua gelombang jam masuk (07.00 dan 08.30), diatur lewat sistem presensi "
            "yang sudah ada. Dinas Perhubungan memantau kecepatan rata-rata di koridor utama "
            "selama tiga bulan sebelum pola ini ditawarkan ke instansi vertikal dan swasta."
        ),
        "expected_impact": (
            "Puncak kendaraan pagi lebih landai tanpa biaya infrastruktur. Pegawai mendapat "
            "fleksibilitas yang membantu keseimbangan kerja dan keluarga."
        ),
    },
    {
        "key": "sensor-tma",
        "campaign": KOTA_GLOBAL,
        "offset_days": 1,
        "author": "staff3",
        "co_authors": ("staff5",),
        "category": "flooding",
        "region": "31.75.03",
        "votes": 20,
        "status": "shortlisted",
        "status_note": (
            "Masuk daftar pendek: mendesak menjelang puncak musim hujan; rencana uji coba "
            "disusun bersama Dinas SDA dan BPBD."
        ),
        "title": (
            "Sensor ketinggian muka air otomatis di sepanjang Ciliwung, terhubung ke Pantau Banjir"
        ),
        "problem": (
            "Tinggi muka air di banyak titik Ciliwung masih dibaca manual oleh petugas pintu air "
            "dan dilaporkan berkala. Ketika hujan deras di hulu, selisih beberapa puluh menit "
            "menentukan kesiapan evakuasi warga Kampung Melayu dan Bukit Duri."
        ),
        "solution": (
            "Memasang sensor ultrasonik bertenaga surya di jembatan dan pintu air antara Depok "
            "dan Manggarai yang mengirim data setiap lima menit ke dasbor Pantau Banjir. Ambang "
            "siaga dihitung otomatis, dan pesan peringatan dikirim ke lurah, BPBD dan pengurus "
            "RW di bantaran."
        ),
        "expected_impact": (
            "Waktu peringatan bertambah sehingga warga sempat menyelamatkan dokumen dan "
            "kendaraan. Data yang terekam memperbaiki model prediksi banjir untuk perencanaan "
            "normalisasi kali."
        ),
    },
    {
        "key": "peringatan-rt-rw",
        "campaign": KOTA_GLOBAL,
        "offset_days": 3,
        "author": "staff5",
        "category": "flooding",
        "region": "31.74.01.1005",
        "title": (
            "Peringatan dini banjir berjenjang sampai tingkat RT lewat WhatsApp dan pengeras suara"
        ),
        "problem": (
            "Warga bantaran kali yang langganan kebanjiran sering baru tahu air naik ketika "
            "sudah masuk rumah. Status siaga dari pintu air memang diumumkan, tetapi tidak sampai "
            "ke warga lanjut usia yang tidak memakai media sosial."
        ),
        "solution": (
            "Menyusun rantai pesan yang jelas: BPBD meneruskan status siaga ke grup WhatsApp "
            "ketua RW, ketua RW ke ketua RT, dan RT mengumumkannya lewat pengeras suara musala "
            "dengan kalimat baku yang sudah disepakati. Setiap RT memegang daftar warga rentan "
            "yang harus didatangi langsung, dan rantai ini dilatih dua kali setahun."
        ),
        "expected_impact": (
            "Semua warga, termasuk lansia dan penyandang disabilitas, menerima peringatan dalam "
            "hitungan menit. Evakuasi dimulai lebih awal sehingga korban dan kerugian berkurang."
        ),
    },
    {
        "key": "perawatan-pompa",
        "campaign": KOTA_GLOBAL,
        "offset_days": 8,
        "author": "staff17",
        "category": "flooding",
        "region": "31.75.08.1005",
        "title": "Perawatan pompa stasioner berbasis jam operasi dan sensor getaran",
        "problem": (
            "Beberapa pompa di rumah pompa Jakarta Timur pernah gagal menyala tepat saat "
            "dibutuhkan karena perawatan dijadwalkan menurut kalender, bukan kondisi mesin. "
            "Kerusakan baru diketahui ketika genangan sudah tinggi."
        ),
        "solution": (
            "Memasang pencatat jam operasi dan sensor getaran sederhana di setiap pompa, lalu "
            "menjadwalkan servis berdasarkan data tersebut. Operator mengisi daftar periksa "
            "harian di ponsel, dan peringatan otomatis muncul bila getaran atau suhu melewati "
            "batas."
        ),
        "expected_impact": (
            "Pompa siap saat hujan lebat dan biaya perbaikan darurat turun. Catatan kondisi "
            "mesin menjadi dasar yang kuat saat mengusulkan penggantian pompa dalam anggaran."
        ),
    },
    {
        "key": "kolam-retensi-taman",
        "campaign": KOTA_GLOBAL,
        "offset_days": 9,
        "author": "staff4",
        "co_authors": ("staff20",),
        "category": "flooding",
        "region": "31.74.04",
        "title": "Taman kota yang juga menampung air: kolam retensi mini dan sumur resapan",
        "problem": (
            "Kawasan Pasar Minggu dan Pejaten memiliki banyak taman, tetapi permukaannya tidak "
            "dirancang untuk menyerap air. Saat hujan lebat, air dari jalan dan atap langsung "
            "mengalir ke saluran yang cepat penuh dan menggenangi jalan lingkungan."
        ),
        "solution": (
            "Bersama Dinas Pertamanan dan Hutan Kota merancang ulang lima taman: bagian tengah "
            "dibuat sedikit lebih rendah sebagai kolam kering yang hanya terisi saat hujan, "
            "ditambah sumur resapan dan biopori di sekelilingnya. Desainnya dibakukan agar dapat "
            "dipakai di taman lain."
        ),
        "expected_impact": (
            "Sebagian limpasan hujan tertahan di taman dan meresap ke tanah sehingga beban "
            "saluran berkurang. Taman tetap dipakai warga pada hari biasa dan cadangan air tanah "
            "bertambah."
        ),
    },
    {
        "key": "trash-rack-manggarai",
        "campaign": KOTA_GLOBAL,
        "offset_days": 11,
        "author": "staff3",
        "category": "flooding",
        "region": "31.74.01.1007",
        "title": "Mencatat sampah yang tersangkut di pintu air Manggarai untuk melacak sumbernya",
        "problem": (
            "Setiap musim hujan ratusan meter kubik sampah tersangkut di saringan pintu air "
            "Manggarai dan menghambat aliran. Petugas mengangkatnya setiap hari, tetapi tidak ada "
            "data jenis sampah dan asalnya, sehingga pencegahan di hulu tidak terarah."
        ),
        "solution": (
            "Petugas memotret sampah yang diangkat dan mengelompokkannya (plastik kemasan, "
            "kasur, kayu, styrofoam) dengan formulir sederhana. Data digabung dengan pengamatan "
            "di beberapa titik hulu untuk memperkirakan ruas asal, lalu dibagikan ke kecamatan "
            "dan Dinas Lingkungan Hidup untuk penyuluhan dan penindakan."
        ),
        "expected_impact": (
            "Kampanye pengurangan sampah diarahkan ke ruas yang benar-benar menjadi sumber. "
            "Beban saringan dan risiko banjir akibat sumbatan berkurang."
        ),
    },
    {
        "key": "rob-seribu",
        "campaign": KOTA_GLOBAL,
        "offset_days": 20,
        "author": "staff5",
        "category": "flooding",
        "region": "31.01.01.1001",
        "title": "Sirene peringatan rob di dermaga pulau permukiman Kepulauan Seribu",
        "problem": (
            "Warga Pulau Panggang dan pulau permukiman lain sering terkena rob saat pasang "
            "tinggi datang bersamaan dengan angin kencang. Prakiraan BMKG tidak selalu sampai ke "
            "nelayan dan warga pesisir tepat waktu."
        ),
        "solution": (
            "Memasang sirene dan papan penunjuk ketinggian air di dermaga setiap pulau "
            "permukiman, dibunyikan berdasarkan peringatan pasang maksimum BMKG dan pengamatan "
            "petugas kelurahan. Pesan suara dan teks juga dikirim ke kelompok nelayan."
        ),
        "expected_impact": (
            "Warga sempat mengamankan perahu dan barang sebelum rob datang. Catatan kejadian rob "
            "menjadi dasar usulan tanggul pantai dan penanaman mangrove."
        ),
    },
    {
        "key": "dtks-dukcapil",
        "campaign": KOTA_GLOBAL,
        "offset_days": 3,
        "author": "staff6",
        "co_authors": ("staff10",),
        "category": "social",
        "title": "Pemadanan DTKS dengan data kependudukan agar bansos tepat sasaran",
        "problem": (
            "Masih ditemukan penerima bantuan sosial yang sudah pindah, meninggal, atau "
            "sebenarnya mampu, sementara keluarga miskin baru belum terdaftar. Pembaruan data "
            "dilakukan manual per kelurahan dan sering terlambat berbulan-bulan."
        ),
        "solution": (
            "Pemadanan otomatis bulanan antara DTKS dan data Dukcapil berdasarkan NIK: kematian, "
            "pindah domisili dan perubahan status langsung memunculkan tanda untuk diverifikasi "
            "pendamping sosial. Usulan penerima baru dari RT/RW masuk lewat formulir yang sama "
            "dan langsung dicek kelengkapan NIK-nya."
        ),
        "expected_impact": (
            "Bansos lebih tepat sasaran dan anggaran tidak mengalir ke penerima yang tidak "
            "berhak. Pendamping sosial dapat memusatkan waktunya pada verifikasi lapangan, bukan "
            "mencocokkan daftar."
        ),
    },
    {
        "key": "lansia-tunggal",
        "campaign": KOTA_GLOBAL,
        "offset_days": 10,
        "author": "staff7",
        "co_authors": ("staff8",),
        "category": "social",
        "region": "31.72.04",
        "title": "Kunjungan rutin kader Dasawisma untuk lansia yang tinggal sendiri",
        "problem": (
            "Jumlah lansia yang tinggal sendiri di Cilincing terus bertambah. Beberapa kasus "
            "lansia jatuh atau sakit baru diketahui tetangga setelah berhari-hari."
        ),
        "solution": (
            "Kader Dasawisma mendata lansia tunggal dan mengunjungi mereka seminggu sekali "
            "dengan daftar periksa singkat: kesehatan, makanan dan kebersihan rumah. Lansia "
            "berisiko tinggi diberi tombol darurat yang terhubung ke ponsel kader dan puskesmas "
            "kelurahan."
        ),
        "expected_impact": (
            "Lansia mendapat pertolongan lebih cepat dan merasa diperhatikan. Catatan kunjungan "
            "membantu Dinas Sosial menentukan siapa yang perlu masuk program Kartu Lansia "
            "Jakarta atau layanan panti."
        ),
    },
    {
        "key": "anjal-priok",
        "campaign": KOTA_GLOBAL,
        "offset_days": 12,
        "author": "staff8",
        "co_authors": ("staff18",),
        "category": "social",
        "region": "31.72.02",
        "title": (
            "Pos jangkau anak jalanan di simpang Tanjung Priok dengan layanan sekolah dan akta"
        ),
        "problem": (
            "Anak-anak yang berjualan atau mengamen di perempatan sekitar Tanjung Priok dirazia, "
            "lalu kembali ke jalan beberapa hari kemudian. Banyak di antara mereka tidak punya "
            "akta kelahiran sehingga sulit didaftarkan ke sekolah."
        ),
        "solution": (
            "Membuka pos jangkau di dekat simpang yang dijaga pekerja sosial dan relawan pada "
            "sore hari. Anak dan orang tua dibantu mengurus akta kelahiran, didaftarkan ke PKBM "
            "atau sekolah terdekat, dan keluarganya dihubungkan dengan program pemberdayaan "
            "ekonomi."
        ),
        "expected_impact": (
            "Pendampingan yang berkelanjutan, bukan razia berulang, mengurangi jumlah anak di "
            "jalan. Anak mendapatkan hak atas identitas dan pendidikan."
        ),
    },
    {
        "key": "pmks-foto",
        "campaign": KOTA_GLOBAL,
        "offset_days": 14,
        "author": "staff18",
        "co_authors": ("staff15",),
        "category": "social",
        "region": "31.72.01",
        "title": "Pendataan cepat PMKS di lapangan dengan foto dan lokasi",
        "problem": (
            "Petugas P3S mencatat penyandang masalah kesejahteraan sosial (PMKS) yang dijangkau "
            "di kertas, lalu diketik ulang di kantor. Data sering ganda atau hilang, dan orang "
            "yang sama bisa dijangkau berkali-kali tanpa tindak lanjut."
        ),
        "solution": (
            "Aplikasi ponsel sederhana untuk petugas: foto, lokasi, kondisi singkat dan NIK bila "
            "ada, langsung tersimpan di basis data Suku Dinas Sosial. Sistem memberi tahu bila "
            "orang yang sama pernah dijangkau, lengkap dengan riwayat penanganannya."
        ),
        "expected_impact": (
            "Penanganan PMKS berkesinambungan dan terukur. Pimpinan melihat peta sebaran dan "
            "dapat mengatur patroli ke lokasi yang paling membutuhkan."
        ),
    },
    {
        "key": "ktp-jemput-bola",
        "campaign": KOTA_GLOBAL,
        "offset_days": 5,
        "author": "staff10",
        "category": "public-service",
        "region": "31.73",
        "title": (
            "Antrean daring dan jemput bola perekaman KTP-el untuk lansia dan penyandang "
            "disabilitas"
        ),
        "problem": (
            "Lansia dan penyandang disabilitas harus datang dan menunggu lama di kantor "
            "kelurahan untuk perekaman KTP-el. Antrean pagi juga membuat warga lain kehilangan "
            "setengah hari kerja."
        ),
        "solution": (
            "Pemesanan nomor antrean lewat JAKI dengan pilihan jam, serta layanan jemput bola ke "
            "rumah bagi warga yang tidak dapat datang, diajukan oleh RT atau keluarga. Petugas "
            "membawa perangkat perekaman keliling mengikuti rute mingguan."
        ),
        "expected_impact": (
            "Waktu tunggu di kantor berkurang dan kelompok rentan tetap mendapatkan dokumen "
            "kependudukan. Cakupan perekaman KTP-el di Jakarta Barat meningkat."
        ),
    },
    {
        "key": "ptsp-satu-formulir",
        "campaign": KOTA_GLOBAL,
        "offset_days": 13,
        "author": "staff9",
        "co_authors": ("staff11",),
        "category": "public-service",
        "title": "Perizinan PTSP dengan satu formulir yang terisi otomatis dari NIK dan NIB",
        "problem": (
            "Pemohon izin usaha di PTSP masih mengisi data diri dan data usaha yang sama "
            "berulang kali untuk izin yang berbeda, dan melampirkan fotokopi KTP padahal datanya "
            "sudah ada di pemerintah."
        ),
        "solution": (
            "Menghubungkan formulir perizinan dengan layanan data Dukcapil (NIK) dan OSS (NIB) "
            "sehingga identitas dan data usaha terisi otomatis setelah pemohon memberi "
            "persetujuan. Pemohon cukup melengkapi data khusus izin yang diminta."
        ),
        "expected_impact": (
            "Waktu pengisian berkurang drastis dan kesalahan ketik menurun. Petugas verifikasi "
            "tidak lagi mencocokkan fotokopi dengan formulir."
        ),
    },
    {
        "key": "akta-rumah-sakit",
        "campaign": KOTA_GLOBAL,
        "offset_days": 15,
        "author": "staff11",
        "category": "public-service",
        "region": "31.71.04",
        "title": "Akta kelahiran terbit sebelum ibu dan bayi pulang dari rumah sakit",
        "problem": (
            "Banyak orang tua menunda mengurus akta kelahiran karena harus kembali meminta surat "
            "keterangan lahir lalu datang ke kantor Dukcapil. Anak tanpa akta kesulitan saat "
            "didaftarkan ke BPJS Kesehatan dan sekolah."
        ),
        "solution": (
            "Rumah sakit dan puskesmas bersalin mengunggah surat keterangan lahir elektronik "
            "langsung ke sistem Dukcapil. Orang tua cukup melengkapi data lewat ponsel, lalu akta "
            "elektronik dan kartu keluarga yang diperbarui dikirim ke surel dan JAKI."
        ),
        "expected_impact": (
            "Hampir semua bayi yang lahir di fasilitas kesehatan langsung memiliki akta. Orang "
            "tua tidak perlu datang ke kantor dan antrean Dukcapil berkurang."
        ),
    },
    {
        "key": "pbb-jaki",
        "campaign": KOTA_GLOBAL,
        "offset_days": 16,
        "author": "staff19",
        "category": "digital",
        "title": "Pengingat jatuh tempo PBB-P2 di JAKI dengan pembayaran QRIS",
        "problem": (
            "Banyak wajib pajak lupa tenggat PBB-P2 dan baru sadar ketika denda sudah berjalan. "
            "Surat pemberitahuan kertas sering tidak sampai karena alamat sudah berubah."
        ),
        "solution": (
            "Menampilkan tagihan PBB-P2 di akun JAKI yang terhubung dengan NIK pemilik objek "
            "pajak, mengirim pengingat 30, 7 dan 1 hari sebelum jatuh tempo, dan menyediakan "
            "tombol bayar dengan QRIS atau virtual account."
        ),
        "expected_impact": (
            "Kepatuhan dan penerimaan pajak daerah naik, wajib pajak terhindar dari denda, dan "
            "biaya cetak serta pengiriman surat berkurang."
        ),
    },
    {
        "key": "gratifikasi-jaki",
        "campaign": KOTA_GLOBAL,
        "offset_days": 6,
        "author": "staff12",
        "co_authors": ("staff9",),
        "category": "integrity",
        "title": "Pelaporan gratifikasi lewat JAKI dengan tanda terima otomatis",
        "problem": (
            "ASN yang menerima hadiah atau parsel dari pihak yang berurusan dengan kantornya "
            "sering bingung cara melaporkannya dan khawatir prosesnya rumit. Banyak penerimaan "
            "tidak dilaporkan dan berpotensi menjadi suap."
        ),
        "solution": (
            "Formulir pelaporan gratifikasi di modul ASN pada JAKI: foto barang, perkiraan nilai "
            "dan pemberi. Laporan langsung mendapat nomor dan tanda terima, diteruskan ke Unit "
            "Pengendali Gratifikasi Inspektorat, dan pelapor dapat memantau keputusan atas "
            "barang tersebut."
        ),
        "expected_impact": (
            "Melapor menjadi mudah sehingga jumlah laporan naik, terutama menjelang hari raya. "
            "Inspektorat mendapat peta layanan yang paling sering menerima pemberian."
        ),
    },
    {
        "key": "bank-sampah-digital",
        "campaign": KOTA_GLOBAL,
        "offset_days": 4,
        "author": "staff14",
        "co_authors": ("staff20",),
        "category": "environment",
        "region": "31.75.07",
        "title": "Bank sampah digital tingkat RW yang terhubung ke TPS3R",
        "problem": (
            "Bank sampah di Duren Sawit berjalan dengan buku tabungan kertas dan jadwal timbang "
            "yang tidak pasti. Nasabah kehilangan minat, dan sampah yang sudah dipilah tetap "
            "berakhir di TPST Bantargebang."
        ),
        "solution": (
            "Aplikasi pencatatan sederhana bagi pengurus bank sampah: setoran tercatat per "
            "nasabah, saldo dapat dicek di ponsel dan ditukar dengan token listrik. Jadwal "
            "penjemputan oleh TPS3R tampil di aplikasi sehingga sampah tidak menumpuk."
        ),
        "expected_impact": (
            "Nasabah aktif dan volume sampah terpilah bertambah, sehingga kiriman ke "
            "Bantargebang berkurang. Data setoran per RW membantu Dinas Lingkungan Hidup menilai "
            "program pengurangan sampah."
        ),
    },
    {
        "key": "hutan-kota-saku",
        "campaign": KOTA_GLOBAL,
        "offset_days": 17,
        "author": "staff20",
        "co_authors": ("staff13",),
        "category": "environment",
        "region": "31.73.08",
        "title": "Hutan kota saku di lahan sisa pembebasan jalan",
        "problem": (
            "Setelah pelebaran jalan, banyak potongan lahan kecil berbentuk segitiga atau "
            "memanjang dibiarkan kosong dan menjadi tempat buang sampah atau parkir liar."
        ),
        "solution": (
            "Menanami lahan sisa itu dengan metode hutan rapat (pocket forest) memakai pohon "
            "lokal seperti trembesi, ketapang kencana dan salam. Warga sekitar dilibatkan dalam "
            "penanaman dan perawatan tahun pertama, dan setiap lokasi diberi papan informasi "
            "jenis pohon."
        ),
        "expected_impact": (
            "Tutupan pohon bertambah, suhu di sekitar jalan turun dan sebagian polutan terserap. "
            "Lahan tidak lagi disalahgunakan."
        ),
    },
    {
        "key": "sensor-udara-sekolah",
        "campaign": KOTA_GLOBAL,
        "offset_days": 18,
        "author": "staff14",
        "category": "environment",
        "region": "31.74.07",
        "title": "Sensor kualitas udara berbiaya rendah di halaman sekolah",
        "problem": (
            "Stasiun pemantau kualitas udara di Jakarta jumlahnya terbatas, sehingga guru dan "
            "orang tua tidak tahu kualitas udara di sekolah yang berada di tepi jalan padat."
        ),
        "solution": (
            "Memasang sensor PM2,5 berbiaya rendah yang dikalibrasi terhadap stasiun referensi "
            "DLH di 30 sekolah. Data tampil di papan informasi sekolah dan di JAKI, disertai "
            "anjuran kegiatan luar ruang sesuai tingkat polusi."
        ),
        "expected_impact": (
            "Sekolah dapat menjadwalkan olahraga saat udara lebih bersih, dan data polusi yang "
            "lebih rapat membantu kebijakan pengendalian emisi di sekitar sekolah."
        ),
    },
    {
        "key": "pkl-trotoar",
        "campaign": KOTA_GLOBAL,
        "offset_days": 19,
        "author": "staff15",
        "category": "traffic",
        "region": "31.71.07.1005",
        "title": "Relokasi PKL dari trotoar Tanah Abang ke lokasi binaan dengan jadwal yang jelas",
        "problem": (
            "Pedagang kaki lima yang memenuhi trotoar dan sebagian badan jalan di sekitar Pasar "
            "Tanah Abang memicu kemacetan dan membahayakan pejalan kaki. Penertiban berulang "
            "tidak bertahan lama karena pedagang tidak punya tempat lain."
        ),
        "solution": (
            "Menyiapkan lokasi binaan di lahan milik daerah terdekat dengan jam operasional "
            "jelas, sewa terjangkau dan promosi bersama. Penertiban dilakukan bertahap setelah "
            "pedagang mendapat tempat, dan trotoar yang kosong segera diberi pembatas dan pot "
            "tanaman."
        ),
        "expected_impact": (
            "Trotoar kembali untuk pejalan kaki dan lalu lintas lebih lancar, sementara pedagang "
            "tetap berpenghasilan dengan kepastian tempat usaha."
        ),
    },
    {
        "key": "draft-jalur-sepeda",
        "campaign": KOTA_GLOBAL,
        "offset_days": 15,
        "author": "staff1",
        "category": "traffic",
        "region": "31.71.06",
        "draft": True,
        "title": "Kamera pendeteksi kendaraan bermotor di jalur sepeda",
        "problem": (
            "Jalur sepeda di beberapa ruas Menteng sering dilalui motor dan dipakai parkir."
        ),
        "solution": (
            "Memanfaatkan kamera ETLE yang sudah ada untuk mendeteksi motor di jalur sepeda. "
            "Perlu dibahas dulu dengan Ditlantas Polda Metro Jaya."
        ),
        "expected_impact": "",
    },
    # -- Campaign "Birokrasi Bersih dan Melayani" (review phase) --------------------------------
    {
        "key": "harga-pembanding-pbj",
        "campaign": INTEGRITAS,
        "offset_days": 3,
        "author": "staff12",
        "co_authors": ("staff19",),
        "category": "integrity",
        "title": "Dasbor harga pembanding untuk setiap paket pengadaan barang dan jasa",
        "problem": (
            "Harga perkiraan sendiri (HPS) untuk barang yang sama bisa berbeda jauh antarperangkat "
            "daerah. Tanpa pembanding yang mudah diakses, pejabat pengadaan sulit menilai "
            "kewajaran harga dan celah penggelembungan harga tetap terbuka."
        ),
        "solution": (
            "Menarik data kontrak dari LPSE dan e-Katalog ke satu dasbor yang menampilkan harga "
            "satuan historis untuk barang dan jasa sejenis. Paket baru yang HPS-nya jauh di atas "
            "median otomatis ditandai untuk ditinjau Inspektorat sebelum tender diumumkan."
        ),
        "expected_impact": (
            "Anggaran lebih hemat karena harga lebih wajar, dan penggelembungan harga dicegah "
            "sejak perencanaan. Ringkasan harga yang terbuka untuk publik meningkatkan "
            "transparansi."
        ),
    },
    {
        "key": "qr-petugas",
        "campaign": INTEGRITAS,
        "offset_days": 6,
        "author": "staff15",
        "category": "integrity",
        "region": "31.73.04",
        "title": "Kode QR identitas petugas penertiban untuk verifikasi dan laporan pungli",
        "problem": (
            "Pedagang dan warga kadang dimintai uang oleh orang yang mengaku petugas. Mereka "
            "tidak tahu cara memastikan apakah petugas itu resmi dan ke mana melapor tanpa rasa "
            "takut."
        ),
        "solution": (
            "Setiap petugas Satpol PP memakai kartu berkode QR yang, bila dipindai, menampilkan "
            "nama, foto dan surat tugas hari itu. Dari halaman yang sama warga dapat melaporkan "
            "pungutan liar secara anonim langsung ke Inspektorat."
        ),
        "expected_impact": (
            "Oknum yang mengaku petugas mudah dikenali dan pungutan liar berkurang. Petugas yang "
            "jujur terlindungi dan kepercayaan warga meningkat."
        ),
    },
    {
        "key": "wbs-anonim",
        "campaign": INTEGRITAS,
        "offset_days": 9,
        "author": "staff7",
        "co_authors": ("staff12",),
        "category": "integrity",
        "title": "Whistleblowing system anonim dengan pendamping dari Inspektorat",
        "problem": (
            "Pegawai yang mengetahui penyimpangan di unitnya enggan melapor karena takut "
            "identitasnya terbongkar dan kariernya terganggu. Saluran pengaduan yang ada lebih "
            "dikenal untuk keluhan warga daripada laporan internal."
        ),
        "solution": (
            "Kanal pelaporan internal yang tidak menyimpan identitas pelapor, dengan kode "
            "laporan untuk komunikasi dua arah. Inspektorat menunjuk pendamping yang menjaga "
            "kerahasiaan dan memberi kabar perkembangan penanganan."
        ),
        "expected_impact": (
            "Penyimpangan terungkap lebih dini dan pelapor merasa aman. Budaya integritas tumbuh "
            "karena pegawai melihat laporan benar-benar ditindaklanjuti."
        ),
    },
    {
        "key": "lacak-izin",
        "campaign": INTEGRITAS,
        "offset_days": 12,
        "author": "staff9",
        "category": "public-service",
        "title": "Lacak status izin PBG dan SLF seperti melacak paket kiriman",
        "problem": (
            "Pemohon Persetujuan Bangunan Gedung dan Sertifikat Laik Fungsi sering tidak tahu "
            "berkasnya sedang di meja siapa. Mereka bolak-balik bertanya ke loket, dan keadaan "
            "ini membuka peluang jalan pintas yang tidak resmi."
        ),
        "solution": (
            "Setiap tahap verifikasi berkas tercatat dengan waktu dan unit yang menangani, lalu "
            "ditampilkan sebagai linimasa di situs dan JAKI. Bila suatu tahap melewati batas "
            "waktu layanan, sistem memberi peringatan kepada atasan unit tersebut."
        ),
        "expected_impact": (
            "Proses perizinan transparan dan dapat diperkirakan, sehingga peluang pungutan liar "
            "berkurang. Pimpinan melihat tahap yang paling sering terlambat dan dapat "
            "membenahinya."
        ),
    },
    {
        "key": "dukcapil-malam",
        "campaign": INTEGRITAS,
        "offset_days": 15,
        "author": "staff10",
        "category": "public-service",
        "region": "31.71.02",
        "title": "Layanan Dukcapil malam hari dan akhir pekan di mal pelayanan publik",
        "problem": (
            "Warga yang bekerja harus izin dari kantor untuk mengurus dokumen kependudukan karena "
            "layanan hanya buka pada jam kerja. Bagi pekerja harian, izin berarti kehilangan "
            "upah."
        ),
        "solution": (
            "Membuka gerai Dukcapil di mal pelayanan publik dan pusat perbelanjaan hingga pukul "
            "20.00 serta pada hari Sabtu, dengan jadwal kerja bergilir bagi petugas dan "
            "pemesanan antrean lewat JAKI."
        ),
        "expected_impact": (
            "Layanan lebih mudah dijangkau warga pekerja dan antrean pada jam kerja berkurang. "
            "Kepuasan masyarakat terhadap layanan kependudukan meningkat."
        ),
    },
    {
        "key": "tte-surat-dinas",
        "campaign": INTEGRITAS,
        "offset_days": 18,
        "author": "staff19",
        "category": "digital",
        "title": "Tanda tangan elektronik tersertifikasi untuk seluruh naskah dinas",
        "problem": (
            "Banyak surat dinas masih dicetak, diparaf berjenjang, lalu dipindai ulang. Surat "
            "tertahan ketika pejabat sedang dinas luar, dan keaslian salinannya sulit diperiksa."
        ),
        "solution": (
            "Mewajibkan tanda tangan elektronik tersertifikasi BSrE untuk seluruh naskah dinas, "
            "dengan alur paraf digital dan kode QR verifikasi di setiap dokumen. Sekretaris dan "
            "pejabat di setiap perangkat daerah mendapat pelatihan singkat."
        ),
        "expected_impact": (
            "Surat selesai lebih cepat dari mana saja, pemakaian kertas berkurang, dan dokumen "
            "palsu mudah dikenali."
        ),
    },
    {
        "key": "foto-saluran-spk",
        "campaign": INTEGRITAS,
        "offset_days": 21,
        "author": "staff4",
        "co_authors": ("staff13",),
        "category": "integrity",
        "region": "31.75",
        "title": "Foto berkoordinat sebelum dan sesudah setiap pekerjaan pemeliharaan saluran",
        "problem": (
            "Laporan pengerukan dan perbaikan saluran sering hanya berisi dokumen dan foto tanpa "
            "keterangan waktu dan tempat. Sulit memastikan pekerjaan benar-benar dilakukan "
            "sesuai volume yang dibayar, padahal saluran yang tidak dikeruk membuat warga "
            "kebanjiran saat hujan pertama."
        ),
        "solution": (
            "Setiap surat perintah kerja pemeliharaan saluran wajib dilengkapi foto sebelum, "
            "selama dan sesudah pekerjaan yang diambil dari aplikasi dengan cap waktu dan "
            "koordinat otomatis. Pembayaran hanya diproses bila dokumentasinya lengkap, dan "
            "foto dapat dilihat publik per kelurahan."
        ),
        "expected_impact": (
            "Pengawasan pekerjaan lebih kuat dan peluang laporan fiktif menurun. Warga ikut "
            "mengawasi, dan saluran benar-benar siap sebelum musim hujan."
        ),
    },
    {
        "key": "survei-satu-klik",
        "campaign": INTEGRITAS,
        "offset_days": 25,
        "author": "staff18",
        "category": "public-service",
        "region": "31.72.06",
        "title": "Survei kepuasan satu klik di setiap loket kelurahan dan kecamatan",
        "problem": (
            "Survei kepuasan masyarakat dilakukan setahun sekali dengan kuesioner panjang, "
            "sehingga masalah layanan sehari-hari tidak terekam dan lambat diperbaiki."
        ),
        "solution": (
            "Menyediakan tombol atau kode QR penilaian (puas, cukup, tidak puas) di setiap "
            "loket, dengan kolom saran opsional. Hasil harian tampil di dasbor camat dan lurah, "
            "dan penilaian buruk yang berulang memicu tindak lanjut oleh atasan."
        ),
        "expected_impact": (
            "Masalah layanan terdeteksi dalam hitungan hari, bukan tahun. Petugas yang melayani "
            "dengan baik mendapat pengakuan berbasis data."
        ),
    },
    # -- Outside any campaign -----------------------------------------------------------------
    {
        "key": "zona-sekolah",
        "campaign": None,
        "offset_days": 25,
        "author": "staff2",
        "category": "traffic",
        "region": "31.75.02",
        "title": "Zona selamat sekolah dengan batas kecepatan 30 km/jam dan penyeberangan pelikan",
        "problem": (
            "Banyak sekolah di Pulo Gadung berada di tepi jalan kolektor yang ramai. Pada jam "
            "masuk dan pulang, anak-anak menyeberang di antara kendaraan yang melaju kencang dan "
            "angkutan yang berhenti sembarangan."
        ),
        "solution": (
            "Menetapkan zona selamat sekolah dengan marka merah, rambu batas kecepatan 30 km/jam, "
            "pita penggaduh dan penyeberangan pelikan bertombol. Pada jam sibuk, guru dan "
            "relawan orang tua dilatih menjadi pengatur penyeberangan."
        ),
        "expected_impact": (
            "Risiko kecelakaan anak sekolah turun, dan antar-jemput lebih tertib sehingga "
            "kemacetan di depan sekolah berkurang."
        ),
    },
    {
        "key": "gerebek-lumpur",
        "campaign": None,
        "offset_days": 40,
        "author": "staff17",
        "category": "flooding",
        "region": "31.75.08",
        "title": "Gerebek lumpur bersama warga sebelum musim hujan",
        "problem": (
            "Saluran penghubung di permukiman padat Makasar dan Cipinang Melayu mendangkal oleh "
            "lumpur dan sampah. Begitu hujan deras turun, jalan lingkungan langsung tergenang dan "
            "beberapa RW kebanjiran berulang kali setiap tahun."
        ),
        "solution": (
            "Jadwal gerebek lumpur bergilir per RW pada Agustus–Oktober: Suku Dinas SDA "
            "menyiapkan alat dan truk angkut, warga dan Pasukan Biru bekerja bersama, dan "
            "kelurahan mencatat panjang saluran yang sudah dibersihkan di peta."
        ),
        "expected_impact": (
            "Kapasitas saluran pulih sebelum puncak musim hujan sehingga genangan cepat surut. "
            "Keterlibatan warga menumbuhkan kebiasaan tidak membuang sampah ke saluran."
        ),
    },
    {
        "key": "daycare-kecamatan",
        "campaign": None,
        "offset_days": 15,
        "author": "staff8",
        "category": "social",
        "region": "31.71.04",
        "title": "Tempat penitipan anak di kantor kecamatan untuk ASN dan warga",
        "problem": (
            "Pegawai perempuan dan warga pekerja di Senen kesulitan mencari penitipan anak yang "
            "terjangkau dan aman di dekat tempat kerja. Sebagian terpaksa berhenti bekerja atau "
            "meninggalkan anak tanpa pengawasan."
        ),
        "solution": (
            "Memanfaatkan ruang yang kurang terpakai di kantor kecamatan sebagai tempat "
            "penitipan anak dengan pengasuh bersertifikat, bekerja sama dengan PKK dan "
            "puskesmas. Biayanya bertingkat sesuai penghasilan keluarga."
        ),
        "expected_impact": (
            "Orang tua bekerja dengan tenang dan anak mendapat pengasuhan yang baik. Model ini "
            "dapat diterapkan di kantor kecamatan lain."
        ),
    },
    {
        "key": "draft-barang-tertinggal",
        "campaign": None,
        "offset_days": 2,
        "author": "staff1",
        "category": "digital",
        "draft": True,
        "title": "Layanan barang tertinggal terpadu untuk TransJakarta, MRT dan LRT",
        "problem": (
            "Penumpang yang kehilangan barang harus menghubungi setiap operator satu per satu."
        ),
        "solution": (
            "Satu formulir di JAKI yang diteruskan ke semua operator. Perlu dibahas dengan BUMD "
            "transportasi."
        ),
        "expected_impact": "",
    },
)

# Comments by idea key. `reply_to` names the author of an earlier comment on the same idea;
# `kind` is "staff" unless given ("official" needs an admin).
COMMENTS = (
    {
        "idea": "atcs-adaptif",
        "author": "staff16",
        "body": (
            "Di Jakarta Barat kami punya masalah yang sama di simpang Grogol. Kalau uji cobanya "
            "berhasil, kami siap menjadi lokasi kedua."
        ),
    },
    {
        "idea": "atcs-adaptif",
        "author": "staff2",
        "body": (
            "Perlu rencana cadangan kalau kamera ATCS mati saat hujan deras. Pola waktu tetap "
            "sebaiknya tetap tersimpan di kontroler."
        ),
    },
    {
        "idea": "atcs-adaptif",
        "author": "staff1",
        "reply_to": "staff2",
        "body": (
            "Setuju. Kontroler otomatis kembali ke pola tetap bila data kamera tidak masuk lebih "
            "dari lima menit."
        ),
    },
    {
        "idea": "atcs-adaptif",
        "author": "admin",
        "kind": "official",
        "body": (
            "Terima kasih. Gagasan ini masuk daftar pendek dan akan dibahas bersama Dinas "
            "Perhubungan dan PT Transportasi Jakarta untuk menentukan lokasi uji coba."
        ),
    },
    {
        "idea": "sensor-tma",
        "author": "staff4",
        "body": (
            "Sensor ultrasonik bisa tertutup sampah saat banjir besar. Mungkin perlu dipadukan "
            "dengan sensor tekanan di dasar kali."
        ),
    },
    {
        "idea": "sensor-tma",
        "author": "staff5",
        "body": (
            "BPBD siap menyambungkan notifikasinya ke sistem peringatan dini kami dan ke grup RW "
            "di Kampung Melayu."
        ),
    },
    {
        "idea": "sensor-tma",
        "author": "staff6",
        "body": (
            "Mohon dipikirkan juga warga yang tidak punya ponsel pintar, misalnya lewat "
            "pengeras suara musala."
        ),
    },
    {
        "idea": "sensor-tma",
        "author": "admin",
        "kind": "official",
        "body": (
            "Gagasan ini masuk daftar pendek. Tim akan menyusun rencana uji coba bersama Dinas "
            "SDA dan BPBD sebelum puncak musim hujan."
        ),
    },
    {
        "idea": "peringatan-rt-rw",
        "author": "staff17",
        "body": (
            "Di Jakarta Timur beberapa RW sudah melakukannya secara swadaya. Kalimat baku "
            "peringatan sangat membantu supaya warga tidak panik."
        ),
    },
    {
        "idea": "peringatan-rt-rw",
        "author": "staff8",
        "body": (
            "Daftar warga rentan per RT bisa diambil dari data Dasawisma yang sudah ada, jadi "
            "tidak perlu mendata ulang."
        ),
    },
    {
        "idea": "dtks-dukcapil",
        "author": "staff11",
        "body": (
            "Dari sisi Dukcapil, pemadanan NIK bulanan sangat mungkin lewat hak akses data yang "
            "sudah berjalan."
        ),
    },
    {
        "idea": "dtks-dukcapil",
        "author": "staff18",
        "body": (
            "Ini masalah harian kami di Jakarta Utara. Verifikasi lapangan tetap penting karena "
            "banyak warga pindah tanpa lapor."
        ),
    },
    {
        "idea": "dtks-dukcapil",
        "author": "staff19",
        "body": (
            "Apakah data kendaraan dan PBB bisa dipakai sebagai indikator kemampuan ekonomi? "
            "Tentu dengan memperhatikan perlindungan data pribadi."
        ),
    },
    {
        "idea": "jam-kerja-bertahap",
        "author": "staff13",
        "body": (
            "Setuju. Data kecepatan dari penyedia peta daring bisa dipakai sebagai pembanding "
            "sebelum dan sesudah uji coba."
        ),
    },
    {
        "idea": "jam-kerja-bertahap",
        "author": "staff10",
        "body": (
            "Untuk unit pelayanan publik, loket harus tetap buka sejak pagi. Pembagian gelombang "
            "sebaiknya per unit kerja, bukan per dinas."
        ),
    },
    {
        "idea": "jam-kerja-bertahap",
        "author": "staff1",
        "body": (
            "Dinas Perhubungan dapat menyiapkan indikator kemacetan di koridor yang paling banyak "
            "dilalui ASN."
        ),
    },
    {
        "idea": "lansia-tunggal",
        "author": "staff14",
        "body": (
            "Di RW saya ada lansia yang tinggal sendiri dan baru ketahuan sakit setelah tiga "
            "hari. Sangat mendukung gagasan ini."
        ),
    },
    {
        "idea": "lansia-tunggal",
        "author": "staff10",
        "body": (
            "Lansia yang belum punya KTP-el bisa sekalian didata untuk layanan jemput bola "
            "Dukcapil."
        ),
    },
    {
        "idea": "anjal-priok",
        "author": "staff6",
        "body": (
            "Dari pengalaman kami, kuncinya pendampingan keluarga, bukan hanya anaknya. Semoga "
            "itu masuk rencana."
        ),
    },
    {
        "idea": "ktp-jemput-bola",
        "author": "staff7",
        "body": (
            "Bisa sekalian melayani penghuni panti sosial yang belum punya dokumen kependudukan."
        ),
    },
    {
        "idea": "ktp-jemput-bola",
        "author": "staff11",
        "body": (
            "Kami sudah punya dua perangkat perekaman keliling di Jakarta Barat. Tinggal "
            "dijadwalkan rutenya."
        ),
    },
    {
        "idea": "ptsp-satu-formulir",
        "author": "staff12",
        "body": (
            "Dari sisi pengawasan, pengisian otomatis juga mengurangi peluang manipulasi data "
            "pemohon."
        ),
    },
    {
        "idea": "gratifikasi-jaki",
        "author": "staff3",
        "body": "Bagus sekali. Selama ini saya tidak tahu harus melapor parsel Lebaran ke mana.",
    },
    {
        "idea": "gratifikasi-jaki",
        "author": "staff15",
        "body": (
            "Perlu sosialisasi juga ke petugas lapangan, karena pemberian kecil sering dianggap "
            "biasa."
        ),
    },
    {
        "idea": "bank-sampah-digital",
        "author": "staff19",
        "body": (
            "Penukaran saldo dengan token listrik menarik. Bisakah juga untuk membayar retribusi "
            "daerah?"
        ),
    },
    {
        "idea": "bank-sampah-digital",
        "author": "staff20",
        "body": (
            "Dinas Pertamanan bisa menerima kompos dari TPS3R untuk taman kota di wilayah yang "
            "sama."
        ),
    },
    {
        "idea": "trash-rack-manggarai",
        "author": "staff14",
        "body": (
            "Data jenis sampah ini sangat berguna untuk program pengurangan plastik sekali pakai "
            "di DLH."
        ),
    },
    {
        "idea": "pkl-trotoar",
        "author": "staff16",
        "body": (
            "Pengalaman di Jakarta Barat: lokasi binaan harus dekat arus pembeli. Kalau jauh, "
            "pedagang kembali ke trotoar."
        ),
    },
    {
        "idea": "harga-pembanding-pbj",
        "author": "staff9",
        "body": (
            "Perbedaan spesifikasi teknis perlu diperhitungkan, supaya harga yang lebih tinggi "
            "karena kualitas tidak otomatis dicurigai."
        ),
    },
    {
        "idea": "harga-pembanding-pbj",
        "author": "staff12",
        "reply_to": "staff9",
        "body": (
            "Betul, dasbor hanya memberi tanda untuk ditinjau, bukan vonis. Spesifikasi tetap "
            "dibandingkan oleh pejabat pengadaan."
        ),
    },
    {
        "idea": "lacak-izin",
        "author": "staff16",
        "body": (
            "Pemohon di Jakarta Barat sering menanyakan hal ini di loket. Linimasa seperti ini "
            "akan sangat mengurangi pertanyaan berulang."
        ),
    },
    {
        "idea": "qr-petugas",
        "author": "staff18",
        "body": (
            "Mohon dipastikan halaman verifikasinya tetap bisa dibuka walau sinyal lemah, "
            "misalnya di dalam pasar."
        ),
    },
    {
        "idea": "wbs-anonim",
        "author": "staff10",
        "body": (
            "Kode laporan dua arah itu penting, karena pelapor ingin tahu apakah laporannya "
            "ditindaklanjuti."
        ),
    },
    {
        "idea": "gerebek-lumpur",
        "author": "staff3",
        "body": (
            "Jadwalnya perlu diselaraskan dengan pengerukan kali oleh Dinas SDA, supaya lumpur "
            "tidak kembali masuk ke saluran."
        ),
    },
    {
        "idea": "zona-sekolah",
        "author": "staff13",
        "body": (
            "Bina Marga bisa menyiapkan marka dan pita penggaduh dalam pekerjaan pemeliharaan "
            "rutin tahun ini."
        ),
    },
)

# -- Panel reviews in the campaign "Birokrasi Bersih dan Melayani" -----------------------------
# The seed assigns every idea of the campaign to two panel members, then submits about half of
# the assignments. Each idea has two pieces of feedback, given to its reviewers in username
# order. `comment` is published to the authors (blind: without the reviewer's name);
# `private_note` is for the panel only. An empty comment is a review that scores only.

# How each panel member scores, as a share of the criterion's scale added to the idea's merit:
# reviewer2 is lenient and reviewer3 harsh, which the panel's normalisation evens out.
REVIEWER_LEANING = {"reviewer1": 0.0, "reviewer2": 0.12, "reviewer3": -0.2}
# reviewer1 signs in to a queue: at least this many of their assignments stay unreviewed.
REVIEWER1_OPEN_ASSIGNMENTS = 3

REVIEWS = {
    "harga-pembanding-pbj": (
        {
            "comment": (
                "Gagasan yang kuat dan menyasar titik rawan pengadaan. Agar dampaknya dapat "
                "dinilai, sebutkan berapa paket yang diuji coba dan selisih HPS terhadap median "
                "yang dianggap wajar. Jelaskan juga cara membandingkan barang yang spesifikasinya "
                "berbeda tipis, misalnya merek atau ukuran kemasan, supaya penandaan otomatis "
                "tidak menghasilkan terlalu banyak tanda palsu."
            ),
            "private_note": (
                "Data LPSE dan e-Katalog memang bisa ditarik. Yang belum jelas: siapa pemilik "
                "dasbor setelah uji coba, Biro PBJ atau Inspektorat."
            ),
        },
        {
            "comment": (
                "Relevan dengan temuan pemeriksaan beberapa tahun terakhir. Usul kami: mulai dari "
                "kelompok barang yang paling sering dibeli (alat tulis kantor, bahan kebersihan, "
                "sewa kendaraan) dan libatkan Biro Pengadaan Barang/Jasa sejak awal, agar "
                "penandaan tidak dipandang pejabat pengadaan sebagai audit tambahan."
            ),
            "private_note": (
                "Mirip harga referensi LKPP, jadi kebaruannya sedang; di tingkat daerah masih "
                "jarang diterapkan."
            ),
        },
    ),
    "qr-petugas": (
        {
            "comment": (
                "Sederhana dan mudah dipahami warga. Pertimbangkan risiko kartu QR dipalsukan: "
                "pastikan halaman verifikasi berada di domain resmi jakarta.go.id dan menampilkan "
                "surat tugas hari itu, bukan data yang tidak pernah berubah. Jelaskan pula alur "
                "tindak lanjut laporan pungli dan dalam berapa hari pelapor mendapat kabar."
            ),
            "private_note": (
                "Layak dilanjutkan. Perlu ditanyakan ke Satpol PP apakah surat tugas harian sudah "
                "digital; kalau belum, itu prasyarat yang cukup besar."
            ),
        },
        {
            "comment": "",
            "private_note": (
                "Kebaruan saya nilai rendah: beberapa kota sudah memakai kartu petugas berkode "
                "QR. Nilai tambahnya ada pada kanal laporan langsung ke Inspektorat."
            ),
        },
    ),
    "wbs-anonim": (
        {
            "comment": (
                "Masalahnya nyata dan penting. Usulan akan lebih meyakinkan bila menjelaskan "
                "perbedaannya dengan kanal pengaduan yang sudah dikelola Inspektorat, dan "
                "bagaimana kerahasiaan dijaga secara teknis, misalnya tidak menyimpan alamat IP "
                "dan menghapus metadata lampiran. Tambahkan indikator keberhasilan seperti jumlah "
                "laporan internal yang ditindaklanjuti setiap triwulan."
            ),
            "private_note": (
                "Cek tumpang tindih dengan WBS yang sudah ada. Pendamping pelapor adalah bagian "
                "yang paling bernilai."
            ),
        },
        {
            "comment": (
                "Pendamping dari Inspektorat adalah kekuatan utama gagasan ini. Saran: tetapkan "
                "batas waktu tanggapan pertama, misalnya tiga hari kerja, dan siapkan perlindungan "
                "bila identitas pelapor tetap dapat ditebak dari isi laporan, terutama di unit "
                "kerja yang kecil."
            ),
            "private_note": "Menurut saya layak masuk lima besar.",
        },
    ),
    "lacak-izin": (
        {
            "comment": (
                "Linimasa berkas akan sangat membantu pemohon dan mengurangi alasan datang ke "
                "loket. Perjelas sumber data setiap tahap: dicatat manual oleh petugas atau "
                "tercatat otomatis dari SIMBG? Bila manual, status berisiko tidak diperbarui. "
                "Sertakan lama proses PBG dan SLF saat ini sebagai data awal pembanding."
            ),
            "private_note": (
                "Integrasi dengan SIMBG Kementerian PUPR bisa menjadi hambatan terbesar; perlu "
                "konfirmasi DPMPTSP."
            ),
        },
        {
            "comment": (
                "Mudah direplikasi ke jenis izin lain. Pertimbangkan menampilkan nama unit, bukan "
                "nama petugas, di linimasa publik, dan gunakan batas waktu setiap tahap sesuai "
                "standar pelayanan yang sudah ditetapkan agar peringatan ke atasan punya dasar."
            ),
            "private_note": "",
        },
    ),
    "dukcapil-malam": (
        {
            "comment": (
                "Manfaatnya jelas bagi warga pekerja. Lengkapi dengan perhitungan biaya lembur "
                "atau pengaturan jam kerja petugas, serta data permintaan layanan, misalnya "
                "pemesanan antrean di JAKI di luar jam kerja, untuk memilih lokasi dan jam buka "
                "yang paling dibutuhkan."
            ),
            "private_note": (
                "Beban kerja petugas Dukcapil sudah tinggi; keberlanjutannya bergantung pada "
                "tambahan formasi atau insentif."
            ),
        },
        {
            "comment": "",
            "private_note": (
                "Kebaruan terbatas, gerai Dukcapil di mal sudah ada di beberapa daerah. Tetap "
                "bermanfaat."
            ),
        },
    ),
    "tte-surat-dinas": (
        {
            "comment": (
                "Sejalan dengan arah SPBE. Agar tidak berhenti sebagai kewajiban di atas kertas, "
                "jelaskan rencana transisinya: perangkat daerah mana yang memulai, bagaimana "
                "menangani naskah yang menurut aturan lain masih memerlukan tanda tangan basah, "
                "dan siapa yang membantu pejabat yang belum memiliki sertifikat elektronik."
            ),
            "private_note": (
                "Sebagian perangkat daerah sudah memakai TTE di aplikasi naskah dinas; ini lebih "
                "tepat disebut perluasan."
            ),
        },
        {
            "comment": "",
            "private_note": (
                "Realistis, tetapi belum ada ukuran keberhasilan, misalnya waktu penyelesaian "
                "surat sebelum dan sesudah. Pelatihan singkat saja mungkin tidak cukup; perlu "
                "layanan bantuan."
            ),
        },
    ),
    "foto-saluran-spk": (
        {
            "comment": (
                "Mengaitkan pembayaran dengan dokumentasi berkoordinat adalah pengendalian yang "
                "tepat. Pertimbangkan cara mencegah foto lama dipakai ulang, misalnya foto hanya "
                "bisa diambil dari kamera aplikasi, dan cara bekerja di lokasi bersinyal lemah. "
                "Publikasi per kelurahan perlu memperhatikan privasi warga yang ikut terfoto."
            ),
            "private_note": (
                "Khawatir menambah beban administrasi bagi PJLP dan penyedia; sebaiknya diuji "
                "coba di satu kota dulu."
            ),
        },
        {
            "comment": (
                "Sangat relevan menjelang musim hujan. Sebutkan kota atau kecamatan lokasi uji "
                "coba dan volume pekerjaan yang dicakup, lalu ukur dampaknya, misalnya jumlah "
                "genangan di lokasi yang salurannya sudah dikeruk dibanding yang belum."
            ),
            "private_note": "Bisa direplikasi ke pekerjaan Bina Marga, misalnya tambal jalan.",
        },
    ),
    "survei-satu-klik": (
        {
            "comment": (
                "Umpan balik harian jauh lebih berguna daripada survei tahunan. Jelaskan cara "
                "mencegah penilaian ganda atau penilaian oleh petugas sendiri, dan siapa yang "
                "menindaklanjuti penilaian buruk serta dalam berapa lama."
            ),
            "private_note": (
                "Jangan sampai menjadi alat menghukum petugas loket; arahkan pada perbaikan "
                "layanan."
            ),
        },
        {
            "comment": "",
            "private_note": (
                "Sederhana, murah dan mudah ditiru. Dampaknya bergantung pada tindak lanjut camat "
                "dan lurah."
            ),
        },
    ),
}
