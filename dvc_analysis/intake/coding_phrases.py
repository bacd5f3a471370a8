"""Barrier phrase families gathered round by round from the corpus's dev texts: paraphrases of each barrier.

Each round of the evaluation corpus (tests/corpus/README.md) added the ways its dev texts put a barrier in words of
their own. They are marked phrases (they carry their own polarity) in the same form as `coding_lexicon`; the coder
reads them after the core entries of `coding_lexicon.BARRIERS` and before the levers.
"""

from __future__ import annotations

from .coding_lexicon import ONLINE, PEOPLE, STAFF

PHRASE_FAMILIES: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    # ---------------------------------------------------------------- tenth-round families
    # data wrong, missing or out of date in the shared systems (a living man shown dead, a record
    # that does not match the insurance book, units not updated after the merger)
    ("B09", "barrier", "marked", "", (
        r"(?:thông tin|dữ liệu|họ tên|ngày sinh)[^.;]{0,60}(?:sai lệch|bị sai|sai hoặc thiếu|nhập nhằng)", r"không (?:trùng )?khớp",
        r"(?:sai|thiếu) (?:hoặc|và|,) ?(?:thiếu|sai) (?:thông tin|dữ liệu)", r"bị sai hoặc thiếu thông tin",
        r"(?:hệ thống|dữ liệu|phần mềm|ứng dụng)[^.;]{0,30}chưa cập nhật(?: được)?[^.;]{0,100}(?:địa giới(?: hành chính)?|đơn vị hành chính) mới",
        r"chưa đồng bộ (?:đầy đủ )?(?:hồ sơ|dữ liệu|trạng thái)", r"(?:nội dung|dữ liệu) đồng bộ[^.;]{0,20}sai sót",
        r"hệ thống (?:báo|ghi nhận)[^.;]{0,40}(?:đã chết|tử vong)", r"(?:sự )?nhầm lẫn (?:dữ liệu|thông tin|này)",
    )),
    # not knowing a duty or a service ("không hề biết về việc phải đăng ký", "mới hay con mình chưa …")
    ("B03", "barrier", "marked", "", (
        r"(?:không|chưa) biết (?:về việc |là |rằng )?(?:phải|cần) (?:làm|đăng ký|thực hiện|khai)",
        # "không hề" alone denies a barrier ("không hề khó"), so the phrase starts after it
        r"(?<=không )hề biết (?:về việc |là |rằng )?(?:phải|cần) (?:làm|đăng ký|thực hiện|khai)",
        r"(?:không|chưa) biết (?:sau khi|là phải)", r"chưa quen (?:dùng|sử dụng|với|thực hiện)",
    )),
    # paying a fee or a fine at a bank or a counter instead of online
    ("B08", "barrier", "marked", "", (
        r"(?:đóng|nộp) (?:tiền |phí |lệ phí )?phạt tại ngân hàng", r"(?:đi|ra|đến) ngân hàng (?:để )?(?:đóng|nộp)",
        r"(?:đóng|nộp) (?:tiền|phí|lệ phí)[^.;]{0,20}tại (?:ngân hàng|kho bạc|quầy)",
    )),
    # originals or paper receipts still carried to the office
    ("B06", "barrier", "marked", "", (
        r"mang (?:theo )?(?:giấy tờ|bản) (?:gốc|chính)[^.;]{0,30}(?:đến|tới|để) (?:đối chiếu|nộp|lấy)",
        r"lấy biên lai về nộp", r"chưa điện tử hóa hoàn toàn",
    )),
    # no one to help, support too thin, work piling up on the commune
    ("B10", "barrier", "marked", "", (
        r"không (?:nhận được|có) (?:sự )?(?:hỗ trợ|người hỗ trợ|người hướng dẫn|bàn hướng dẫn)",
        r"không có bàn hướng dẫn", r"(?:bộ phận|đội ngũ|lực lượng)[^.;]{0,40}(?:hỗ trợ|kỹ thuật)[^.;]{0,40}còn mỏng",
        r"áp lực (?:xử lý )?công việc[^.;]{0,40}tăng", r"chậm (?:xử lý|phản hồi|khắc phục)[^.;]{0,20}(?:đề nghị|yêu cầu|phản ánh)",
        r"đề nghị chỉnh sửa\. nhưng đến nay vẫn",
    )),
    # services online in form only
    ("B11", "barrier", "marked", "", (
        r"(?:dịch vụ công trực tuyến|dvctt|dịch vụ)[^.;]{0,30}mang tính hình thức", r"hình thức, chưa thực chất",
        r"không đáp ứng đúng (?:chất lượng|mức độ)[^.;]{0,60}(?:theo công bố|mức độ [34])",
    )),
    # services not felt convenient or easy
    ("B05", "barrier", "marked", "", (
        r"chưa (?:thấy )?(?:thuận tiện|dễ dùng|dễ sử dụng|thân thiện)", r"chuyển đổi “?máy móc”?",
        r"không được chuyển đến ngay", r"mất thêm thời gian quay lại",
    )),
    # ---------------------------------------------------------------- eleventh-round families
    ("B11", "barrier", "marked", "", (
        r"chưa (?:đảm bảo|bảo đảm|kịp) tiến độ (?:triển khai|cung cấp|tích hợp|đưa)",
    )),
    ("B10", "barrier", "marked", "", (
        r"(?:trình độ|kỹ năng|năng lực)[^.;]{0,80}(?:công chức|cán bộ|viên chức)[^.;]{0,80}"
        r"(?:chưa đồng đều|không đồng đều|còn hạn chế|chưa đáp ứng)",
        r"(?:công chức|cán bộ|viên chức)[^.;]{0,30}(?:đảm nhiệm|kiêm nhiệm|phụ trách) (?:từ |tới |đến )?\d+",
    )),
    ("B05", "barrier", "marked", "", (r"hoạt động (?:thiếu|không) ổn định",)),
    ("B06", "barrier", "marked", "", (
        r"(?:phải|vẫn) (?:tải(?: về)? và )?in (?:ra )?(?:mẫu|tờ khai|giấy|bản)", r"gửi bổ sung (?:bản giấy|hồ sơ giấy)",
        r"hồ sơ giấy[^.;]{0,60}gửi bổ sung",
    )),
    ("B09", "barrier", "marked", "", (
        r"(?:khai|nhập|cung cấp) đi (?:khai|nhập|cung cấp) lại (?:các )?(?:thông tin|dữ liệu)",
        r"dữ liệu[^.;]{0,30}vẫn cần (?:được )?(?:cập nhật|chuẩn hóa|làm sạch|bổ sung)",
    )),
    ("B03", "barrier", "marked", "", (PEOPLE + r"[^.;]{0,20}chưa (?:thật sự |thực sự )?hiểu",)),
    # ---------------------------------------------------------------- twelfth-batch families
    ("B02", "barrier", "marked", "", (r"không (?:sử dụng|dùng) được (?:máy tính|điện thoại|smartphone|ứng dụng)",)),
    ("B05", "barrier", "marked", "", (
        r"hệ thống (?:sẽ )?không (?:nhận|chấp nhận|ghi nhận)", r"giao diện không (?:thay đổi|chuyển|hiển thị)",
        r"không (?:rõ|biết) (?:khi nào )?hồ sơ[^.;]{0,30}(?:được duyệt|đến bước nào)", r"trạng thái của hồ sơ đã đến bước nào",
        r"(?:mã )?otp[^.;]{0,80}(?:hết hạn|không nhận được|đến chậm)",
        r"từ bỏ ý định[^.;]{0,60}(?:qua mạng|trực tuyến|online)",
    )),
    ("B06", "barrier", "marked", "", (
        r"(?:vẫn|còn) (?:được |bị )?yêu cầu (?:xuất trình|nộp|mang) (?:sổ hộ khẩu|sổ|bản giấy|giấy tờ|bản chính|bản gốc)",
        r"chỉ chấp nhận bản (?:gốc|chính|giấy)",
        r"(?:phải )?(?:đến|ra) (?:phường|xã|ubnd[^.;]{0,20})[^.;]{0,20}(?:làm )?(?:thủ tục )?chứng thực",
    )),
    ("B10", "barrier", "marked", "", (r"thiếu phôi", r"(?:đơn vị )?cung cấp phôi(?: thẻ)?",)),
    # ---------------------------------------------------------------- thirteenth-batch families
    ("B01", "barrier", "marked", "", (r"thiếu đầu tư",)),
    ("B02", "barrier", "marked", "", (
        r"không nắm (?:hết|được|rõ) (?:các )?(?:bước|thao tác|quy trình|cách)", r"không (?:thể|biết) cài đặt",
    )),
    ("B03", "barrier", "marked", "", (r"thói quen[^.;]{0,40}(?:ăn sâu|bám rễ|khó thay đổi)",)),
    ("B04", "barrier", "marked", "", (
        r"(?:tâm lý )?lo ngại (?:khi |trong |về việc )?(?:giao dịch|nộp)[^.;]{0,40}(?:môi trường mạng|qua mạng|trực tuyến)",
        r"sợ (?:rằng )?hồ sơ (?:sẽ )?bị", r"dễ bị nhầm lẫn[^.;]{0,40}(?:kênh|trang|tổng đài|cơ quan)",
        r"(?:tổng đài|trang (?:web|tin|mạng)|website|đường link)[^.;]{0,60}(?:giả mạo|mạo danh|lừa đảo|tính phí)",
        r"nguy cơ[^.;]{0,30}(?:mất|lộ|lộ lọt|rò rỉ) (?:các )?thông tin", r"(?:thông tin|dữ liệu)[^.;]{0,30}bị đánh cắp",
        r"thuê (?:các )?dịch vụ làm (?:hộ chiếu|thủ tục|hồ sơ)", r"đóng giả (?:cán bộ|công an|nhân viên)",
    )),
    # a congested network is mostly the portal giving way under load (usability), not the user's line
    ("B05", "barrier", "marked", "", (
        r"các bước[^.;]{0,60}(?:khá |rất |quá )?(?:phức tạp|rườm rà|rắc rối)",
        r"(?:khó khăn|vướng mắc)[^.;]{0,20}(?:trong|khi) (?:sử dụng|triển khai|vận hành) (?:các )?(?:phần mềm|hệ thống|ứng dụng)",
        r"(?:đăng ký|tạo) tài khoản[^.;]{0,50}(?:quá |rất )?(?:phức tạp|phiền toái)", r"văng (?:khỏi|ra khỏi) (?:app|ứng dụng)",
        r"khó[^.;]{0,25}tìm kiếm thông tin",
        r"nghẽn mạng", r"mạng (?:bị )?nghẽn", r"bị trả hồ sơ", r"khó (?:thực hiện )?(?:các )?thao tác",
        r"(?:chỉ có thể|chỉ cho phép) (?:khai báo|chọn|nhập|tải lên) (?:một|1)\b",
    )),
    # a residence confirmation fetched on paper, or a household book still asked for, though the data is held online
    ("B06", "barrier", "marked", "", (
        r"(?:xin|làm|có|yêu cầu|cần|chật vật với|đi xác nhận)[^.;]{0,30}giấy xác nhận (?:cư trú|tình trạng hôn nhân|thông tin về cư trú)",
        r"(?:buộc|yêu cầu)[^.;]{0,30}(?:sử dụng|cung cấp|nộp|xuất trình)[^.;]{0,15}(?:sổ |số )?hộ khẩu",
    )),
    ("B07", "barrier", "marked", "", (
        r"chậm (?:ban hành|sửa đổi|hướng dẫn)", r"(?:quy định|pháp luật)[^.;]{0,60}phải trực tiếp (?:đến|có mặt)",
    )),
    ("B09", "barrier", "marked", "", (
        r"(?:ứng dụng|hệ thống|phần mềm)[^.;]{0,30}(?:manh mún|nhỏ lẻ)", r"thiếu đồng bộ",
        r"số hóa[^.;]{0,60}(?:đạt dưới|dưới \d|tiến độ[^.;]{0,15}chậm)", r"chưa (?:thực hiện|hoàn thành) (?:việc )?số hóa",
        r"(?:tên|thông tin|dữ liệu)[^.;]{0,15}bị ghi (?:nhầm|sai)",
    )),
    ("B10", "barrier", "marked", "", (
        r"(?:số lượng|khối lượng) công việc (?:rất )?(?:nhiều|lớn)", r"(?:đảm nhận|kiêm|gánh) thêm (?:nhiều )?(?:việc|nhiệm vụ|đầu việc)",
        r"không sử dụng (?:phần mềm|hệ thống)[^.;]{0,40}(?:giải quyết|xử lý|tiếp nhận)",
        STAFF + r"?[^.;]{0,20}(?:cũng )?không biết (?:xử lý|giải quyết|hướng dẫn)", r"(?:kín|hết) (?:chỗ|lịch(?: hẹn)?)",
    )),
    ("B11", "barrier", "marked", "", (
        r"chưa thể (?:xử lý|thực hiện|giải quyết|làm|nộp)(?: hồ sơ| thủ tục)? " + ONLINE,
        r"toàn trình[^.;]{0,60}(?:vẫn )?chưa (?:thực hiện|triển khai|làm) được",
        r"chỉ có \d+ (?:trung tâm|đơn vị|cơ quan|điểm)[^.;]{0,30}(?:nhận|tiếp nhận)[^.;]{0,25}(?:qua mạng|trực tuyến|online)",
    )),
    # ---------------------------------------------------------------- fourteenth- to eighteenth-round families,
    # one entry per code (from the dev texts of rounds 14–16 and from heldout14 and heldout15 once read)
    ("B01", "barrier", "marked", "", (
        r"máy tính cũ", r"(?:máy móc|máy tính|thiết bị)[^.;]{0,15}chưa (?:đảm bảo|đáp ứng)",
        r"(?:khắc phục|bổ sung|thiếu)[^.;]{0,15}(?:về )?nhân sự, máy móc",
        r"tỷ lệ (?:sở hữu|có) máy (?:vi )?tính[^.;]{0,60}(?:thấp|ít)",
        r"(?:máy (?:vi )?tính|máy in|máy scan|máy quét)[^.;]{0,90}bị hư hỏng",
        r"không (?:có )?điều kiện (?:mua sắm|mua|sắm)[^.;]{0,20}(?:smartphone|điện thoại|máy tính)",
        r"điện năng lượng mặt trời[^.;]{0,60}không đủ", r"loa[^.;]{0,25}(?:hay |thường )?hỏng",
        r"(?:chưa có|không có) (?:chi nhánh|cây ATM|phòng giao dịch)", r"sự cố (?:về )?đường truyền",
        r"(?:tỷ|tỉ) lệ người dân có điện thoại thông minh[^.;]{0,80}(?:còn )?thấp",
    )),
    ("B02", "barrier", "marked", "", (
        r"(?:khó|chưa thể) tiếp cận (?:với )?(?:công nghệ|thiết bị|ứng dụng)",
        r"mất (?:rất )?nhiều thời gian[^.;]{0,30}(?:các bước|quy trình)", r"chụp ảnh[^.;]{0,25}không (?:đúng|đạt)",
        r"(?:biết|có thể) sử dụng internet[^.;]{0,20}(?:ở mức )?thấp", r"loay hoay (?:điền|khai|làm|nhập)",
        r"(?:ngoài|trên) (?:sáu mươi|bảy mươi|60|70)[^.;]{0,40}(?:vất vả|khó khăn|rất khó)",
        r"không dám (?:sử dụng|dùng|làm)[^.;]{0,20}sợ sai", r"(?:chạm|dùng)[^.;]{0,30}ứng dụng[^.;]{0,20}run",
        r"(?:người cao tuổi|lớn tuổi)[^.;]{0,60}(?:thao tác|kiểm tra)[^.;]{0,60}(?:vất vả|lóng ngóng|khó khăn)",
        r"lóng ngóng", r"(?:việc )?ứng dụng công nghệ thông tin (?:của [^.;]{0,30})?còn (?:hạn chế|khó khăn)",
        r"tiếp cận ứng dụng công nghệ thông tin[^.;]{0,40}(?:còn )?khó khăn",
    )),
    ("B03", "barrier", "marked", "", (
        r"(?:không|chưa) (?:biết|nghe)[^.;]{0,50}(?:có thể )?thay (?:thế|cho) (?:thẻ|giấy|sổ)",
        r"thà thừa còn hơn thiếu", r"mắt thấy,? tay (?:sờ|cầm)", r"quen (?:dùng|sử dụng|nhận) tiền mặt",
        r"bỡ ngỡ, lúng túng", r"tâm lý muốn[^.;]{0,5}\W?đến tận nơi",
        r"chưa nhận thức (?:hết|được|đầy đủ)[^.;]{0,30}(?:hiệu quả|tiện ích|lợi ích)",
        r"không phải người dân nào cũng biết", r"trình độ nhận thức", r"chưa \W?mặn mà", r"chưa (?:thực sự )?am hiểu",
        r"bỡ ngỡ của người dân",
    )),
    ("B04", "barrier", "marked", "", (
        r"liệu (?:có )?(?:bảo mật|an toàn)", r"lọt thông tin", r"trực tiếp[^.;]{0,40}bảo mật thông tin",
        r"(?:qua|thông qua)[^.;]{0,25}trung gian[^.;]{0,25}mạng xã hội",
        r"không tin tưởng vào (?:chất lượng|cách (?:thức )?làm việc|dịch vụ|việc xử lý)",
        r"bị lừa (?:trắng tay|mất|hết)", r"chưa tin (?:vào|tưởng)[^.;]{0,20}(?:điện thoại|ứng dụng|công nghệ)",
    )),
    ("B05", "barrier", "marked", "", (
        r"lỗi kết nối", r"không nhận (?:được )?(?:mã )?(?:OTP|kích hoạt|xác thực)",
        r"không (?:thể )?nhận diện (?:được )?khuôn mặt", r"(?:quá nhiều|hàng chục|có đến \d+) (?:app|ứng dụng)",
        r"không thể lấy được mã", r"mất (?:các )?chứng nhận",
        r"(?:phản ánh|than phiền)[^.;]{0,30}chất lượng (?:của )?(?:ứng dụng|phần mềm|hệ thống)",
        r"(?:máy quét|đầu đọc)[^.;]{0,30}không đọc được", r"chức năng[^.;]{0,50}chưa đáp ứng",
        r"(?:vài|nhiều) lần không được chấp nhận", r"khó khăn trong việc nắm rõ[^.;]{0,40}(?:thủ tục|quy trình)",
        r"tra cứu hồ sơ[^.;]{0,40}đến đâu", r"phần mềm[^.;]{0,30}chưa ổn định", r"lỗi và chưa đồng bộ",
        r"chưa có tài khoản định danh", r"yêu cầu phải dùng tài khoản cá nhân", r"sau nhiều lần thử",
        r"quá tải làm ảnh hưởng", r"nhiều trường hợp bị lỗi",
        r"(?:gửi|yêu cầu)[^.;]{0,25}(?:OTP|mã)[^.;]{0,25}(?:về|trên|từ) (?:máy|thiết bị) cũ", r"xác thực từ máy cũ",
        r"thiết bị cũ để lấy mã",
        r"(?:lãnh đạo|người dùng|người dân|doanh nghiệp)[^.;]{0,20}không truy cập được|không truy cập được (?:vào )?(?:cổng|hệ thống|trang|dịch vụ)",
        r"mất rất nhiều thời gian mới được cấp mã", r"phức tạp và tốn (?:rất )?nhiều công sức",
        r"gặp (?:một số )?lỗi, thiếu sót", r"hệ thống đang bị trục trặc", r"vòng vèo",
        r"(?:biểu mẫu|eForms?)[^.;]{0,40}chưa tối ưu",
    )),
    ("B06", "barrier", "marked", "", (
        r"(?:phải|yêu cầu|buộc)[^.;]{0,15}(?:bổ sung|nộp|mang)[^.;]{0,15}hồ sơ giấy", r"bổ sung hồ sơ giấy",
        r"chứng từ bản cứng", r"xem cả hai",
        r"yêu cầu (?:thêm|bổ sung) (?:các )?(?:giấy tờ|hồ sơ)[^.;]{0,20}ngoài quy định",
        r"(?:photocopy|chứng thực)[^.;]{0,30}(?:tràn lan|ồ ạt|nhiều bản sao)",
        r"hoàn thành (?:việc )?nộp hồ sơ trực tuyến[^.;]{0,80}nộp hồ sơ", r"trước khi nộp hồ sơ trực tiếp",
        r"mang theo bản (?:photocopy|phô tô|sao)", r"(?:nên|phải|khuyến nghị|yêu cầu)[^.;]{0,40}mang hồ sơ giấy đến",
        r"(?:lưu trữ|hình thành) (?:bằng|dạng) (?:giấy|hình thức truyền thống)",
        r"cập nh[ậa]p? thông tin còn thủ công", r"viết tờ khai", r"điền thông tin vào tờ giấy",
    )),
    ("B07", "barrier", "marked", "", (
        r"phải đến trực tiếp (?:cơ quan )?công an", r"không phù hợp với (?:Luật|quy định|Nghị định)",
        r"trình tự thủ tục phải tuân thủ", r"mới có thể nộp phạt", r"quá nhiều văn bản[^.;]{0,40}quy định",
        r"phải trực tiếp nộp[^.;]{0,30}hồ sơ", r"thực hiện đăng ký tại nơi (?:đăng ký )?thường trú",
        r"đặt ra yêu cầu xác nhận", r"chưa đầy đủ về quy định pháp luật", r"đến công an[^.;]{0,80}lập biên bản",
    )),
    ("B08", "barrier", "marked", "", (
        r"chưa được tích hợp tính năng thanh toán", r"tiền mặt vẫn (?:có vai trò|chiếm)",
        r"(?:ngân hàng|trung gian thanh toán)[^.;]{0,80}còn khiêm tốn",
        r"thanh toán trực tuyến[^.;]{0,30}(?:chưa tiện lợi|còn nhiều khó khăn|(?:đạt )?(?:rất )?thấp)",
        r"phải thanh toán trực tiếp", r"(?:thu|đóng) học phí[^.;]{0,40}rối rắm", r"lùi lịch nộp[^.;]{0,30}lệ phí",
        r"chưa có (?:một )?nền tảng[^.;]{0,80}thanh toán", r"thanh toán trực tiếp và các hình thức khác chiếm",
        r"hướng dẫn đến các ngân hàng[^.;]{0,20}thanh toán",
    )),
    ("B09", "barrier", "marked", "", (
        r"(?:ứng dụng|phần mềm|hệ thống)[^.;]{0,60}chưa được đồng bộ",
        r"không (?:dùng|sử dụng) (?:được )?thay thế (?:cho )?nhau", r"bị sai thông tin",
        r"(?:hiển thị|cập nhật)[^.;]{0,25}sai", r"sai hoặc thiếu", r"thông tin[^.;]{0,20}không đầy đủ",
        r"kiểm tra[^.;]{0,20}chồng chéo", r"chưa khai thác[^.;]{0,40}dữ liệu",
        r"không (?:thực hiện|tiến hành) số h(?:óa|oá)", r"chưa quan tâm thực hiện",
        r"phần mềm dùng chung[^.;]{0,100}liên thông",
        r"chờ (?:thông báo|xác định)[^.;]{0,40}(?:nghĩa vụ tài chính|cơ quan thuế)",
        r"lẽ ra chỉ cần[^.;]{0,80}(?:nhập|tra cứu|trích xuất)", r"giấy gió", r"dễ rách nát",
        r"(?:tại sao|vì sao) không (?:thực hiện )?tích hợp", r"hệ thống chưa cập nhật hết",
        r"liên thông[^.;]{0,20}chưa thông suốt", r"tra cứu[^.;]{0,40}vẫn chưa có thông tin",
        r"dữ liệu chưa được đồng bộ", r"quá nhiều thủ tục[^.;]{0,30}đồng bộ",
    )),
    ("B10", "barrier", "marked", "", (
        r"làm việc ngoài giờ", r"làm cả (?:buổi trưa|thứ bảy|chủ nhật)", r"tư duy (?:mòn|cũ)",
        r"lớn tuổi[^.;]{0,40}(?:tiếp thu|hạn chế)", r"thái độ[^.;]{0,30}không đúng mực",
        r"phải xử lý hàng (?:chục|trăm) nghìn", r"chưa được[^.;]{0,20}xét duyệt",
        STAFF + r"[^.;]{0,60}kỹ năng[^.;]{0,40}(?:còn )?(?:hạn chế|yếu)",
        r"nhập (?:liệu )?thông tin[^.;]{0,25}không đầy đủ",
        r"(?:khắc phục|bổ sung|thiếu)[^.;]{0,15}(?:về )?nhân sự, máy móc",
        r"giải quyết hồ sơ[^.;]{0,60}(?:còn )?(?:rất )?chậm(?! trễ)",
        r"(?:người dân|dân) (?:phải )?(?:đợi|chờ) (?:rất |quá )?lâu", r"gánh toàn bộ", r"chờ xử lý hơn \d+ ngày",
        r"thời gian chờ tiếp nhận[^.;]{0,40}(?:còn )?dài", r"tiếp nhận chậm",
        r"gọi cho (?:trường|sở|bộ|xã)[^.;]{0,30}lại bảo", r"(?:mô hình|điểm phục vụ)[^.;]{0,30}(?:còn )?phân tán",
        r"song song nhiều đầu mối", r"người đứng đầu[^.;]{0,60}chưa quyết liệt", r"quá tải (?:trong việc )?tiếp nhận",
    )),
    ("B11", "barrier", "marked", "", (
        r"(?:cổng|hệ thống|trang)[^.;]{0,20}ngừng hoạt động", r"chưa tích hợp chức năng",
        r"phần mềm đang (?:được )?hoàn thiện", r"(?:đang xây dựng|chưa có) nền tảng[^.;]{0,20}trực tuyến",
        r"(?:một vài|một số) thủ tục[^.;]{0,40}phải giải quyết trực tiếp",
        r"(?:việc )?cung cấp dịch vụ công trực tuyến[^.;]{0,40}chưa cao", r"mang nặng[^.;]{0,20}hình thức",
        r"bề ngoài thì tuyên bố", r"chỉ áp dụng (?:cho )?(?:các )?trường hợp",
        r"phải đến nộp hồ sơ[^.;]{0,40}trực tiếp", r"mới có \d+ dịch vụ được triển khai",
        r"(?:lần đầu|hết hạn)[^.;]{0,40}trực tiếp nộp hồ sơ",
    )),
]
