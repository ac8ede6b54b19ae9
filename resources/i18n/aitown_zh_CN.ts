<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>用户名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password a&amp;gain:</source>
        <translation>再次输入密码(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ApplicationDetails</name>
    <message>
        <source>Choose an application to see its details.</source>
        <translation>选择一项申请以查看详情。</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Benefit:</source>
        <translation>扶持类型：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Applied on:</source>
        <translation>申请日期：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Contract:</source>
        <translation>合同：</translation>
    </message>
    <message>
        <source>Vendor:</source>
        <translation>供应商：</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <source>Recorded by:</source>
        <translation>登记人：</translation>
    </message>
    <message>
        <source>Decided by:</source>
        <translation>决定人：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Policy:</source>
        <translation>政策：</translation>
    </message>
    <message>
        <source>Application no. {id}: {benefit} for {team}</source>
        <translation>申请 {id}：{team} 的{benefit}</translation>
    </message>
    <message>
        <source>{amount} yuan, {start} to {end}</source>
        <translation>{amount} 元，{start} 至 {end}</translation>
    </message>
    <message>
        <source>; verified {amount} yuan ({reason})</source>
        <translation>；核定合同额 {amount} 元（{reason}）</translation>
    </message>
    <message>
        <source>(to repay: {amount})</source>
        <translation>（应退还：{amount}）</translation>
    </message>
</context>
<context>
    <name>ApplicationFormDialog</name>
    <message>
        <source>Record an application</source>
        <translation>登记申请</translation>
    </message>
    <message>
        <source>e.g. 250000.00</source>
        <translation>例如 250000.00</translation>
    </message>
    <message>
        <source>18 characters from the vendor&apos;s licence</source>
        <translation>供应商营业执照上的18位代码</translation>
    </message>
    <message>
        <source>needed for a corpus voucher (§6.1)</source>
        <translation>语料券需填写（§6.1）</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>团队(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Benefit:</source>
        <translation>扶持类型(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Contract amount (yuan):</source>
        <translation>合同金额（元）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Vendor&apos;s credit code:</source>
        <translation>供应商信用代码(&amp;V)：</translation>
    </message>
    <message>
        <source>Vendor&apos;s &amp;name:</source>
        <translation>供应商名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Vendor&apos;s &amp;legal representative:</source>
        <translation>供应商法定代表人(&amp;L)：</translation>
    </message>
    <message>
        <source>Contract &amp;from:</source>
        <translation>合同起始(&amp;F)：</translation>
    </message>
    <message>
        <source>Contract t&amp;o:</source>
        <translation>合同截止(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>成员(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Submit to the reviewers now</source>
        <translation>立即提交审核(&amp;S)</translation>
    </message>
    <message>
        <source>Originals seen at the desk</source>
        <translation>窗口已核验的原件</translation>
    </message>
    <message>
        <source>&amp;Print the receipt for the founder</source>
        <translation>为申请人打印受理回执(&amp;P)</translation>
    </message>
    <message>
        <source>What the policy gives</source>
        <translation>按政策可获扶持</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <source>{name} (optional)</source>
        <translation>{name}（选交）</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>保存受理回执</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>tier {tier}</source>
        <translation>{tier} 类</translation>
    </message>
    <message>
        <source>Choose a team to see what the policy gives.</source>
        <translation>选择团队以查看按政策可获的扶持。</translation>
    </message>
    <message>
        <source>Computed amount: {amount} yuan</source>
        <translation>计算金额：{amount} 元</translation>
    </message>
    <message>
        <source>Not eligible as it stands: no amount. It can still be recorded; the reviewer will reject it with the reasons below.</source>
        <translation>按目前情况不符合条件，无金额。仍可登记；审核人将按以下理由驳回。</translation>
    </message>
</context>
<context>
    <name>ApplicationsModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>扶持类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>No amount: the policy&apos;s rules were not all met.</source>
        <translation>无金额：未满足政策的全部条件。</translation>
    </message>
</context>
<context>
    <name>ApplicationsView</name>
    <message>
        <source>Application no. {id}</source>
        <translation>申请 {id}</translation>
    </message>
    <message>
        <source>&amp;Materials…</source>
        <translation>材料(&amp;M)…</translation>
    </message>
    <message>
        <source>To review (submitted)</source>
        <translation>待审核（已提交）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All benefits</source>
        <translation>全部扶持类型</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Benefit:</source>
        <translation>扶持类型(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Record…</source>
        <translation>登记(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;ubmit</source>
        <translation>提交(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>驳回(&amp;J)…</translation>
    </message>
    <message>
        <source>Approve &amp;several…</source>
        <translation>批量批准(&amp;S)…</translation>
    </message>
    <message>
        <source>Mark &amp;paid</source>
        <translation>标记已拨付(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>撤销(&amp;V)…</translation>
    </message>
    <message>
        <source>Issue &amp;notice</source>
        <translation>签发通知书(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open team</source>
        <translation>打开团队(&amp;O)</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s)</source>
        <translation>
            <numerusform>共 %n 项申请</numerusform>
        </translation>
    </message>
    <message>
        <source>Record that the amount of application no. {id} was paid out?</source>
        <translation>确认登记申请 {id} 的金额已拨付？</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>all actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>An action (application.approve), or its start ending in a dot (application.)</source>
        <translation>操作名称（如 application.approve），或以点结尾的前缀（如 application.）</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>记录(&amp;R)：</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>起始(&amp;M)：</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>截止(&amp;O)：</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>◀ &amp;Newer</source>
        <translation>◀ 较新(&amp;N)</translation>
    </message>
    <message>
        <source>Ol&amp;der ▶</source>
        <translation>较旧(&amp;D) ▶</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>Page {page}: events {first}–{last}, newest first</source>
        <translation>第 {page} 页：事件 {first}–{last}，最新在前</translation>
    </message>
    <message>
        <source>No events match these filters.</source>
        <translation>没有符合筛选条件的事件。</translation>
    </message>
    <message>
        <source>Checking every event of the audit log…</source>
        <translation>正在校验审计日志的每一条事件…</translation>
    </message>
    <message>
        <source>Checking the audit log…</source>
        <translation>正在校验审计日志…</translation>
    </message>
    <message>
        <source>The audit log is intact: {count} events checked; each follows the one before it and none was changed.</source>
        <translation>审计日志完整：已校验 {count} 条事件，每条均与前一条衔接，且均未被修改。</translation>
    </message>
    <message>
        <source>… and {n} more problems.</source>
        <translation>……另有 {n} 个问题。</translation>
    </message>
    <message>
        <source>The audit log was tampered with: {count} events checked, {n} problems found. Keep this database as it is and tell your IT contact.</source>
        <translation>审计日志已被篡改：已校验 {count} 条事件，发现 {n} 个问题。请保持此数据库原样，并告知您的 IT 联系人。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>action code: {code}</source>
        <translation>操作代码：{code}</translation>
    </message>
</context>
<context>
    <name>BackupSettings</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Change fol&amp;der…</source>
        <translation>更改文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Daily copies &amp;kept:</source>
        <translation>每日备份保留份数(&amp;K)：</translation>
    </message>
    <message>
        <source>in {folder}</source>
        <translation>存放于 {folder}</translation>
    </message>
    <message>
        <source>Daily copies: the newest {keep} are kept in {folder}.</source>
        <translation>每日备份：在 {folder} 中保留最新的 {keep} 份。</translation>
    </message>
    <message>
        <source>Only an administrator can make backups.</source>
        <translation>只有管理员可以备份。</translation>
    </message>
    <message>
        <source>A checked copy of the database is saved in a folder you choose (default: {folder}).</source>
        <translation>将数据库的校验副本保存到您选择的文件夹（默认：{folder}）。</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Backup saved: {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <source>The backup was cancelled; nothing was kept.</source>
        <translation>备份已取消，未保留任何文件。</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
</context>
<context>
    <name>BatchApproveDialog</name>
    <message>
        <source>Approve several applications</source>
        <translation>批量批准申请</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>扶持类型</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Fits?</source>
        <translation>能否批准</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Pool left after (yuan)</source>
        <translation>批准后资金池剩余（元）</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资金池</translation>
    </message>
    <message>
        <source>Left now (yuan)</source>
        <translation>当前剩余（元）</translation>
    </message>
    <message>
        <source>Left after (yuan)</source>
        <translation>批准后剩余（元）</translation>
    </message>
    <message>
        <source>Optional: a note stored with each approval</source>
        <translation>可选：随每项批准保存的备注</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Budget pools now and after these approvals</source>
        <translation>资金池当前及批准后的情况</translation>
    </message>
    <message>
        <source>What approving these {total} applications in this order would do. {fits} can be approved within what their pools have left; the others are left as they are.</source>
        <translation>按此顺序批准这 {total} 项申请的结果：其中 {fits} 项可在资金池剩余额度内批准；其余保持不变。</translation>
    </message>
    <message>
        <source>fits</source>
        <translation>可批准</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>不能批准</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Approve %n that fit(s)</source>
        <translation>
            <numerusform>批准其中 %n 项(&amp;A)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approving %n application(s)…</source>
        <translation>
            <numerusform>正在批准 %n 项申请…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approved %n application(s).</source>
        <translation>
            <numerusform>已批准 %n 项申请。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped after Cancel: the others were left as they were.</source>
        <translation>已按“取消”停止：其余申请保持不变。</translation>
    </message>
    <message>
        <source>No. {id} was not approved: {why}</source>
        <translation>申请 {id} 未获批准：{why}</translation>
    </message>
    <message>
        <source>What approving did: {approved} approved, {refused} not approved, {left} left as they were.</source>
        <translation>批准结果：已批准 {approved} 项，未批准 {refused} 项，保持原状 {left} 项。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>未批准</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Stopped after Cancel: left as it was.</source>
        <translation>已取消，此项保持原状。</translation>
    </message>
    <message>
        <source>left as it was</source>
        <translation>保持原状</translation>
    </message>
    <message>
        <source>Left now, after approving (yuan)</source>
        <translation>批准后现余（元）</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Print notices in a batch</source>
        <translation>批量打印通知书</translation>
    </message>
    <message>
        <source>Every decided application&apos;s notice</source>
        <translation>所有已决定申请的通知书</translation>
    </message>
    <message>
        <source>Any decision</source>
        <translation>任意决定</translation>
    </message>
    <message>
        <source>One PDF per notice, into a &amp;folder</source>
        <translation>每份通知书一个 PDF，保存到文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>All in &amp;one PDF file</source>
        <translation>全部合并为一个 PDF 文件(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>决定(&amp;D)：</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>位置(&amp;W)：</translation>
    </message>
    <message>
        <source>Notices already issued are printed as issued, byte for byte; those not issued yet are issued now, with the next document numbers.</source>
        <translation>已签发的通知书按原样逐字节打印；尚未签发的将立即签发，并使用后续文号。</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>One PDF file for the batch</source>
        <translation>本批通知书的 PDF 文件</translation>
    </message>
    <message>
        <source>A folder for the notices</source>
        <translation>存放通知书的文件夹</translation>
    </message>
    <message>
        <source>Printing notices…</source>
        <translation>正在打印通知书…</translation>
    </message>
    <message>
        <source>No notice matches this kind and decision.</source>
        <translation>没有符合该类型和决定的通知书。</translation>
    </message>
    <message numerus="yes">
        <source>This batch prints %n notice(s).</source>
        <translation>
            <numerusform>本批共打印 %n 份通知书。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not issued yet: they are issued now and take the next %n document number(s), which cannot be taken back.</source>
        <translation>
            <numerusform>其中 %n 份尚未出具：将立即出具并占用接下来的 %n 个文号，文号一经占用不能收回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Issue them and print?</source>
        <translation>出具并打印吗？</translation>
    </message>
    <message>
        <source>New document numbers</source>
        <translation>占用新文号</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s)</source>
        <translation>
            <numerusform>已写入 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source> to {where}.</source>
        <translation>，位于 {where}。</translation>
    </message>
    <message>
        <source>Stopped after Cancel; the notices issued so far stay issued.</source>
        <translation>已按“取消”停止；此前已签发的通知书仍然有效。</translation>
    </message>
</context>
<context>
    <name>BudgetView</name>
    <message>
        <source>Committed: approved, not yet paid. Disbursed: paid (or, for rent waivers, forgone). Released: given back by revocations. Left = total − committed − disbursed; nothing is approved past what is left.</source>
        <translation>已承诺：已批准、尚未拨付。已拨付：已支付（租金减免则为已减免）。已释放：因撤销而退回。剩余 = 总额 − 已承诺 − 已拨付；任何批准都不会超出剩余额度。</translation>
    </message>
    <message>
        <source>&amp;Change total…</source>
        <translation>修改总额(&amp;C)…</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>All pools: {total} yuan in total, {left} yuan left.</source>
        <translation>全部资金池：总额 {total} 元，剩余 {left} 元。</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check the rows</source>
        <translation>检查各行</translation>
    </message>
    <message>
        <source>Every row was checked; nothing has been written yet.</source>
        <translation>已检查每一行，尚未写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Import only if &amp;every row is good</source>
        <translation>仅在每一行都正确时导入(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Skip the rows with problems and import the good ones</source>
        <translation>跳过有问题的行，导入正确的行(&amp;S)</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>applications waiting for review</source>
        <translation>项申请待审核</translation>
    </message>
    <message>
        <source>approved, not yet paid</source>
        <translation>项已批准未拨付</translation>
    </message>
    <message>
        <source>units leased</source>
        <translation>个单元已出租</translation>
    </message>
    <message>
        <source>rent waivers ending in the next {days} days</source>
        <translation>项租金减免将在 {days} 天内到期</translation>
    </message>
    <message>
        <source>leases ending in 30 / 60 / 90 days</source>
        <translation>份租约将在 30 / 60 / 90 天内到期</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Waiver ends</source>
        <translation>减免截止</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>No rent waiver ends in the next {days} days.</source>
        <translation>未来 {days} 天内没有到期的租金减免。</translation>
    </message>
    <message>
        <source>Rent waivers ending in the next {days} days</source>
        <translation>未来 {days} 天内到期的租金减免</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Approve application no. {id}</source>
        <translation>批准申请 {id}</translation>
    </message>
    <message>
        <source>Reject application no. {id}</source>
        <translation>驳回申请 {id}</translation>
    </message>
    <message>
        <source>Revoke application no. {id}</source>
        <translation>撤销申请 {id}</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>驳回(&amp;J)</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>撤销(&amp;V)</translation>
    </message>
    <message>
        <source>Optional: a note for the record</source>
        <translation>可选：记录备注</translation>
    </message>
    <message>
        <source>Why it is rejected (required when every rule passes)</source>
        <translation>驳回理由（所有规则均通过时必填）</translation>
    </message>
    <message>
        <source>Why it is revoked (printed on the revocation notice)</source>
        <translation>撤销理由（将打印在撤销通知书上）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Only where it differs from the claimed {amount} yuan</source>
        <translation>仅在与申报的 {amount} 元不同时填写</translation>
    </message>
    <message>
        <source>&amp;Verified contract amount (yuan):</source>
        <translation>核定合同额（元）(&amp;V)：</translation>
    </message>
    <message>
        <source>Reason for the &amp;verified amount:</source>
        <translation>核定理由(&amp;E)：</translation>
    </message>
    <message>
        <source>Checked again now: it can be approved, {amount} yuan; the pool would have {left} yuan left.</source>
        <translation>现在重新核查：可以批准，金额 {amount} 元；批准后资金池尚余 {left} 元。</translation>
    </message>
    <message>
        <source>Checked again now: it cannot be approved: {reason}.</source>
        <translation>现在重新核查：不能批准：{reason}。</translation>
    </message>
    <message>
        <source>Revoked. The team is asked to repay {amount} yuan.</source>
        <translation>已撤销。团队需退还 {amount} 元。</translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <source>A change is still being saved. Wait for it to finish, then go on?</source>
        <translation>仍有更改正在保存。等待其完成后再继续吗？</translation>
    </message>
</context>
<context>
    <name>DishonestDialog</name>
    <message>
        <source>List of seriously dishonest entities</source>
        <translation>严重失信主体名单</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未核查</translation>
    </message>
    <message>
        <source>checked: not on the list</source>
        <translation>已核查：未列入名单</translation>
    </message>
    <message>
        <source>on the list of seriously dishonest entities</source>
        <translation>已列入严重失信主体名单</translation>
    </message>
    <message>
        <source>where the list says so, e.g. 信用中国, 2026-11-30</source>
        <translation>名单出处，如：信用中国，2026-11-30</translation>
    </message>
    <message>
        <source>&amp;Check:</source>
        <translation>核查结果(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
</context>
<context>
    <name>EndLeaseDialog</name>
    <message>
        <source>End a lease early</source>
        <translation>提前终止租约</translation>
    </message>
    <message>
        <source>&amp;Last day:</source>
        <translation>最后一天(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;End lease</source>
        <translation>终止租约(&amp;E)</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A list of teams as .csv (UTF-8 or GBK) or .xlsx, one team a row, with English or Chinese column headers (name_zh 中文名称, uscc 统一社会信用代码, founded_on 成立日期 …).</source>
        <translation>团队名单，格式为 .csv（UTF-8 或 GBK）或 .xlsx，每行一个团队，列标题可用英文或中文（name_zh 中文名称、uscc 统一社会信用代码、founded_on 成立日期……）。</translation>
    </message>
    <message>
        <source>The file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose a list of teams</source>
        <translation>选择团队名单</translation>
    </message>
    <message>
        <source>Team lists (*.csv *.xlsx);;All files (*)</source>
        <translation>团队名单 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>There is no file {path}: choose the file with Browse….</source>
        <translation>文件 {path} 不存在：请通过“浏览…”选择文件。</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Fill the database with demo data (about 60 sample teams, units, leases and two demo users)? Choose No to start with an empty database.</source>
        <translation>是否向数据库填入演示数据（约60个示例团队、单元、租约和两个演示用户）？选择“否”则从空数据库开始。</translation>
    </message>
    <message>
        <source>The demo data is loaded. The demo users “desk” and “reviewer” have the password {password}.</source>
        <translation>演示数据已加载。演示用户“desk”和“reviewer”的密码为 {password}。</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>正在加载演示数据…</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Set up AI Town Desk</source>
        <translation>设置 AI 小镇服务台</translation>
    </message>
    <message>
        <source>This database is new. Enter your office and create the first administrator; you will log in with this name and password.</source>
        <translation>这是一个新数据库。请填写办公室信息并创建第一个管理员，之后将使用此用户名和密码登录。</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Office &amp;code:</source>
        <translation>办公室代码(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;hinese name:</source>
        <translation>中文名称(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Document prefix:</source>
        <translation>文号前缀(&amp;D)：</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>第一个管理员</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>用户名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>创建(&amp;R)</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Move-in and move-out</source>
        <translation>入驻与退租交接</translation>
    </message>
    <message>
        <source>&amp;Hand-over:</source>
        <translation>交接类型(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>交接日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Keys:</source>
        <translation>钥匙（把）(&amp;K)：</translation>
    </message>
    <message>
        <source>Access &amp;cards:</source>
        <translation>门禁卡（张）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Electricity meter (kWh):</source>
        <translation>电表读数（千瓦时）(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Water meter (m³):</source>
        <translation>水表读数（立方米）(&amp;W)：</translation>
    </message>
    <message>
        <source>C&amp;ondition of the unit:</source>
        <translation>房屋状况(&amp;O)：</translation>
    </message>
    <message>
        <source>De&amp;posit (yuan):</source>
        <translation>押金（元）(&amp;P)：</translation>
    </message>
    <message>
        <source>Kept &amp;back (yuan):</source>
        <translation>扣除押金（元）(&amp;B)：</translation>
    </message>
    <message>
        <source>Tenant&apos;s si&amp;gnatory:</source>
        <translation>承租方签字人(&amp;G)：</translation>
    </message>
    <message>
        <source>Save hand-over sheet as PD&amp;F…</source>
        <translation>将交接单另存为 PDF(&amp;F)…</translation>
    </message>
    <message>
        <source>Print hand-over shee&amp;t…</source>
        <translation>打印交接单(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Deposit &amp;returned (yuan):</source>
        <translation>退还押金（元）(&amp;R)：</translation>
    </message>
    <message>
        <source>De&amp;posit received (yuan):</source>
        <translation>收取押金（元）(&amp;P)：</translation>
    </message>
    <message>
        <source>Hand-over sheet</source>
        <translation>房屋交接单</translation>
    </message>
    <message>
        <source>Save hand-over sheet</source>
        <translation>保存交接单</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import teams</source>
        <translation>导入团队</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
</context>
<context>
    <name>IssueNoticeDialog</name>
    <message>
        <source>Issue a notice</source>
        <translation>签发通知书</translation>
    </message>
    <message>
        <source>Decided applications still without their notice. The preview on the right is the notice as it will be printed, before it gets its document number.</source>
        <translation>已决定但尚未签发通知书的申请。右侧预览即为打印效果（尚未分配文号）。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Every decided application has its notice.</source>
        <translation>所有已决定的申请均已签发通知书。</translation>
    </message>
    <message>
        <source>&amp;Issue</source>
        <translation>签发(&amp;I)</translation>
    </message>
    <message>
        <source>Nobody; or 中文名称|English name; another office …</source>
        <translation>不抄送；或 中文名称|English name；另一机关 …</translation>
    </message>
    <message>
        <source>Copied &amp;to (抄送):</source>
        <translation>抄送(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>LanguageSettings</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Language of the application:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The new language takes effect when you start AI Town Desk again.</source>
        <translation>新语言将在下次启动 AI 小镇服务台时生效。</translation>
    </message>
</context>
<context>
    <name>LeaseFormDialog</name>
    <message>
        <source>free</source>
        <translation>空置</translation>
    </message>
    <message>
        <source>leased {span} ({team})</source>
        <translation>已出租 {span}（{team}）</translation>
    </message>
    <message>
        <source>under repair {span}</source>
        <translation>维修中 {span}</translation>
    </message>
    <message>
        <source>reserved {span} for {team}</source>
        <translation>已为{team}预留 {span}</translation>
    </message>
    <message>
        <source>reserved {span}</source>
        <translation>已预留 {span}</translation>
    </message>
    <message>
        <source>Lease a unit</source>
        <translation>出租单元</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>团队(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>T&amp;o (last day):</source>
        <translation>截止日期（最后一天）(&amp;O)：</translation>
    </message>
    <message>
        <source>Monthly &amp;rent (yuan):</source>
        <translation>月租金（元）(&amp;R)：</translation>
    </message>
    <message>
        <source>The rent is taken from the unit; change it only if agreed otherwise.</source>
        <translation>租金取自单元设定，仅在另有约定时修改。</translation>
    </message>
    <message>
        <source>&amp;Lease</source>
        <translation>出租(&amp;L)</translation>
    </message>
    <message>
        <source>There are no units yet: an administrator adds them first.</source>
        <translation>尚无单元：请先由管理员添加。</translation>
    </message>
</context>
<context>
    <name>LeasesEndingModel</name>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Lease from</source>
        <translation>租期起</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>租期止</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Rent / month (yuan)</source>
        <translation>月租金（元）</translation>
    </message>
</context>
<context>
    <name>LeasesEndingView</name>
    <message numerus="yes">
        <source>within %n day(s)</source>
        <translation>
            <numerusform>%n 天内</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;new…</source>
        <translation>续租(&amp;N)…</translation>
    </message>
    <message>
        <source>Hand-o&amp;ver…</source>
        <translation>交接(&amp;V)…</translation>
    </message>
    <message>
        <source>Leases whose last day is</source>
        <translation>租期截止于</translation>
    </message>
    <message numerus="yes">
        <source>%n lease(s) ending</source>
        <translation>
            <numerusform>%n 份租约即将到期</numerusform>
        </translation>
    </message>
    <message>
        <source>{team} leases {unit} from {start} to {end}.</source>
        <translation>{team}承租{unit}，租期 {start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>LeasesModel</name>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Ended early</source>
        <translation>提前终止于</translation>
    </message>
    <message>
        <source>Monthly rent (yuan)</source>
        <translation>月租金（元）</translation>
    </message>
    <message>
        <source>Rent waived (yuan)</source>
        <translation>减免租金（元）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>current</source>
        <translation>履行中</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Leave the town</source>
        <translation>离开园区</translation>
    </message>
    <message>
        <source>%1 leaves the town. Its lease ends on the leaving date, its rent waiver is recomputed to that date, a repayment under §2.5 is asked back and benefits approved but not paid are revoked. Check the preview before confirming.</source>
        <translation>%1 离开园区：租约于离园日期结束，租金减免按该日期重算，按第2.5条须退还的减免租金记为应收款，已批准未拨付的扶持予以撤销。确认前请查看预览。</translation>
    </message>
    <message>
        <source>&amp;Withdrawn (leaves of its own accord)</source>
        <translation>主动退出(&amp;W)</translation>
    </message>
    <message>
        <source>E&amp;xpelled</source>
        <translation>清退(&amp;X)</translation>
    </message>
    <message>
        <source>New status:</source>
        <translation>新状态：</translation>
    </message>
    <message>
        <source>&amp;Leaving date (last day):</source>
        <translation>离园日期（最后在园日）(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Choose the status and the date, then press Preview to see what will happen.</source>
        <translation>请选择状态和日期，然后点击“预览”查看将要执行的操作。</translation>
    </message>
    <message>
        <source>Issue the &amp;revocation notices at once</source>
        <translation>立即出具撤销通知书(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Expel the team</source>
        <translation>清退该团队(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Withdraw the team</source>
        <translation>办理主动退出(&amp;W)</translation>
    </message>
    <message>
        <source>The team has left the town, but a revocation notice was not issued: %1</source>
        <translation>团队已离开园区，但撤销通知书未能出具：%1</translation>
    </message>
</context>
<context>
    <name>LifecyclePicture</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>退回补正</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Publicity</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Notice issued</source>
        <translation>已出具通知书</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Waits for the desk to submit it.</source>
        <translation>待窗口人员提交。</translation>
    </message>
    <message>
        <source>Waits for a reviewer&apos;s decision.</source>
        <translation>待审核人审批。</translation>
    </message>
    <message>
        <source>Waits for the desk to mend what was asked and submit it again.</source>
        <translation>待窗口人员按要求补正后重新提交。</translation>
    </message>
    <message>
        <source>Waits for the administrator to open its publicity period.</source>
        <translation>待管理员开始公示。</translation>
    </message>
    <message>
        <source>Under publicity until {date}; objections may still come in.</source>
        <translation>公示中，公示期至 {date}，期间可提出异议。</translation>
    </message>
    <message>
        <source>Its publicity ended on {date}: waits for the administrator to record it passed.</source>
        <translation>公示期已于 {date} 届满，待管理员登记公示无异议。</translation>
    </message>
    <message>
        <source>Waits for its award notice.</source>
        <translation>待出具通知书。</translation>
    </message>
    <message>
        <source>Waits for payment: {paid} of {amount} yuan paid.</source>
        <translation>待拨付：已拨付 {paid} 元，共 {amount} 元。</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>it stands here</source>
        <translation>当前所处环节</translation>
    </message>
    <message>
        <source>still to come</source>
        <translation>尚未进行</translation>
    </message>
</context>
<context>
    <name>ListExportBar</name>
    <message>
        <source>E&amp;xport report…</source>
        <translation>导出报表(&amp;X)…</translation>
    </message>
    <message>
        <source>Save this report as an Excel workbook</source>
        <translation>将此报表保存为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Save report as PDF…</source>
        <translation>报表另存为 PDF…</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>打印报表…</translation>
    </message>
    <message>
        <source>E&amp;xport list…</source>
        <translation>导出列表(&amp;X)…</translation>
    </message>
    <message>
        <source>Save this list as an Excel workbook or a CSV file</source>
        <translation>将此列表保存为 Excel 工作簿或 CSV 文件</translation>
    </message>
    <message>
        <source>Save list as PDF…</source>
        <translation>列表另存为 PDF…</translation>
    </message>
    <message>
        <source>Print list…</source>
        <translation>打印列表…</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n row(s) to {file}.</source>
        <translation>
            <numerusform>已将 %n 行写入 {file}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未生成文件。</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印{title}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — AI Town Desk</source>
        <translation>登录 — AI 小镇服务台</translation>
    </message>
    <message>
        <source>AI Town Desk</source>
        <translation>AI 小镇服务台</translation>
    </message>
    <message>
        <source>Log in with your user name and password.</source>
        <translation>请使用用户名和密码登录。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New team…</source>
        <translation>新建团队(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import teams…</source>
        <translation>导入团队(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Log out / switch user…</source>
        <translation>注销 / 切换用户(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find team…</source>
        <translation>查找团队(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AI Town Desk</source>
        <translation>关于 AI 小镇服务台(&amp;A)</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>AI Town Desk</source>
        <translation>AI 小镇服务台</translation>
    </message>
    <message>
        <source>Office: {code} {name}</source>
        <translation>办公室：{code} {name}</translation>
    </message>
    <message>
        <source>AI Town Desk — {office}</source>
        <translation>AI 小镇服务台 — {office}</translation>
    </message>
    <message>
        <source>AI Town Desk {version}
The incubation desk of a district AI town: teams, leases, eligibility, vouchers, grants and official notices.</source>
        <translation>AI 小镇服务台 {version}
区级人工智能小镇的孵化服务台：团队、租约、资格审查、各类券、补贴和正式通知书。</translation>
    </message>
    <message>
        <source>About AI Town Desk</source>
        <translation>关于 AI 小镇服务台</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>All benefits</source>
        <translation>全部扶持项目</translation>
    </message>
    <message>
        <source>Find &amp;teams</source>
        <translation>查找团队(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Open team</source>
        <translation>打开团队(&amp;O)</translation>
    </message>
    <message>
        <source>Find the teams eligible now for a benefit they have not applied for.</source>
        <translation>查找目前符合条件但尚未申请相应扶持的团队。</translation>
    </message>
    <message>
        <source>&amp;Benefit:</source>
        <translation>扶持项目(&amp;B)：</translation>
    </message>
    <message>
        <source>Checking every team…</source>
        <translation>正在核查全部团队…</translation>
    </message>
    <message numerus="yes">
        <source>%n benefit(s) to claim</source>
        <translation>
            <numerusform>可申请的扶持共 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaterialsDialog</name>
    <message>
        <source>Materials of application no. {id}</source>
        <translation>申请 {id} 的材料</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Original seen</source>
        <translation>已核验原件</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>To mend</source>
        <translation>需补正</translation>
    </message>
    <message>
        <source>Choose a material with a scan to see it here.</source>
        <translation>选择一项有扫描件的材料，即可在此预览。</translation>
    </message>
    <message>
        <source>&amp;Attach scan…</source>
        <translation>附加扫描件(&amp;A)…</translation>
    </message>
    <message>
        <source>All originals &amp;seen</source>
        <translation>原件全部核验(&amp;S)</translation>
    </message>
    <message>
        <source>Print &amp;receipt…</source>
        <translation>打印受理回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Return for &amp;correction…</source>
        <translation>退回补正(&amp;C)…</translation>
    </message>
    <message>
        <source>Correction &amp;notice…</source>
        <translation>补正通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>Application no. {id} · {team} · {benefit} · {status}</source>
        <translation>申请 {id} · {team} · {benefit} · {status}</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必交</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选交</translation>
    </message>
    <message>
        <source>to mend</source>
        <translation>需补正</translation>
    </message>
    <message>
        <source>The policy lists no materials for this benefit.</source>
        <translation>政策未列明该扶持所需的材料。</translation>
    </message>
    <message>
        <source>Missing before it can be submitted: {items}</source>
        <translation>提交前尚缺：{items}</translation>
    </message>
    <message>
        <source>Every required material has been handed in.</source>
        <translation>必交材料已齐全。</translation>
    </message>
    <message>
        <source>Round {n}: returned by {who} on {day} ({items}): {reason}{done}</source>
        <translation>第 {n} 次：{who} 于 {day} 退回（{items}）：{reason}{done}</translation>
    </message>
    <message>
        <source> — resubmitted</source>
        <translation> — 已重新提交</translation>
    </message>
    <message>
        <source>{name} (sent back)</source>
        <translation>{name}（已退回）</translation>
    </message>
    <message>
        <source>No scan attached to this material.</source>
        <translation>该材料尚无扫描件。</translation>
    </message>
    <message>
        <source>This scan cannot be shown.</source>
        <translation>无法显示该扫描件。</translation>
    </message>
    <message>
        <source>Attach a scan</source>
        <translation>附加扫描件</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>扫描件 (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MemberFormDialog</name>
    <message>
        <source>Edit member</source>
        <translation>修改成员</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Founder</source>
        <translation>创始人</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>全职</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty while a member</source>
        <translation>YYYY-MM-DD，在职期间留空</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>职务(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Talent tier:</source>
        <translation>人才层级(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Identity card no.:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Joined on:</source>
        <translation>加入日期(&amp;J)：</translation>
    </message>
    <message>
        <source>&amp;Left on:</source>
        <translation>离开日期(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>hidden; type a new value to replace it</source>
        <translation>已隐藏；输入新值可替换</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Founder</source>
        <translation>创始人</translation>
    </message>
    <message>
        <source>Full-time</source>
        <translation>全职</translation>
    </message>
    <message>
        <source>Talent tier</source>
        <translation>人才层级</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>加入日期</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>离开日期</translation>
    </message>
    <message>
        <source>Identity card</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>AI Town Desk</source>
        <translation>AI 小镇服务台</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Something went wrong and this step was not completed. The details are in the log file {log}; please send it to your IT contact.</source>
        <translation>出现意外错误，此步骤未完成。详细信息记录在日志文件 {log} 中，请将其发送给您的 IT 联系人。</translation>
    </message>
    <message>
        <source>Something went wrong and this step was not completed; please tell your IT contact.</source>
        <translation>出现意外错误，此步骤未完成，请告知您的 IT 联系人。</translation>
    </message>
</context>
<context>
    <name>NoticeSettings</name>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Choose seal &amp;image…</source>
        <translation>选择印章图片(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Remove seal image</source>
        <translation>删除印章图片(&amp;R)</translation>
    </message>
    <message>
        <source>Without a seal image, mark where the seal is stamped (grey corner ticks)</source>
        <translation>无印章图片时，标出盖章位置（灰色角标）</translation>
    </message>
    <message>
        <source>One a line: 中文名称|English name</source>
        <translation>每行一个：中文名称|English name</translation>
    </message>
    <message>
        <source>Save &amp;notice settings</source>
        <translation>保存通知书设置(&amp;N)</translation>
    </message>
    <message>
        <source>Seal:</source>
        <translation>印章：</translation>
    </message>
    <message>
        <source>Copied to (抄送):</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <source>Printed over the signature of every notice issued from now on.</source>
        <translation>此后出具的每份通知书均在落款处印上此印章。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No seal image: the office stamps each notice by hand.</source>
        <translation>未设置印章图片：由办公室在每份通知书上手工盖章。</translation>
    </message>
    <message>
        <source>Choose the office&apos;s seal image</source>
        <translation>选择办公室印章图片</translation>
    </message>
    <message>
        <source>{name} cannot be read, or is too large for a seal image.</source>
        <translation>无法读取 {name}，或文件过大，不能作为印章图片。</translation>
    </message>
    <message>
        <source>Seal image saved.</source>
        <translation>印章图片已保存。</translation>
    </message>
    <message>
        <source>Remove the seal image? Notices already issued keep theirs.</source>
        <translation>删除印章图片？已出具的通知书保留原有印章。</translation>
    </message>
    <message>
        <source>Seal image removed.</source>
        <translation>印章图片已删除。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>NoticesModel</name>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Verification code: {code}</source>
        <translation>核验码：{code}</translation>
    </message>
</context>
<context>
    <name>NoticesView</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Document number or team</source>
        <translation>文号或团队</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation>签发(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Batch print…</source>
        <translation>批量打印(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Verify a PDF…</source>
        <translation>核验 PDF(&amp;V)…</translation>
    </message>
    <message>
        <source>XXXX-XXXX-XXXX-XXXX, or the text a scanner reads from the QR code</source>
        <translation>XXXX-XXXX-XXXX-XXXX，或扫描二维码得到的文字</translation>
    </message>
    <message>
        <source>Check co&amp;de</source>
        <translation>核验(&amp;D)</translation>
    </message>
    <message>
        <source>Verify a &amp;code on paper:</source>
        <translation>核验纸质通知书的核验码(&amp;C)：</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>共 %n 份通知书</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the notice as</source>
        <translation>将通知书另存为</translation>
    </message>
    <message>
        <source>Choose the PDF to verify</source>
        <translation>选择要核验的 PDF</translation>
    </message>
    <message>
        <source>{name} cannot be read; choose a PDF file of a notice.</source>
        <translation>无法读取 {name}，请选择通知书的 PDF 文件。</translation>
    </message>
    <message>
        <source>Verify a notice</source>
        <translation>核验通知书</translation>
    </message>
</context>
<context>
    <name>ObjectionDialog</name>
    <message>
        <source>Record an objection</source>
        <translation>登记异议</translation>
    </message>
    <message>
        <source>Application no. {id} goes back to review (submitted) and its money goes back to the pool.</source>
        <translation>申请 {id} 将退回审核（已提交状态），其承诺资金退回资金池。</translation>
    </message>
    <message>
        <source>&amp;Objection:</source>
        <translation>异议内容(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
</context>
<context>
    <name>OccupancyChart</name>
    <message>
        <source>Occupancy of the units</source>
        <translation>单元出租情况</translation>
    </message>
    <message>
        <source>Occupancy: {leased} of {total} units leased</source>
        <translation>出租率：{total} 个单元中已出租 {leased} 个</translation>
    </message>
    <message>
        <source>leased</source>
        <translation>已出租</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>under repair</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>vacant</source>
        <translation>空置</translation>
    </message>
</context>
<context>
    <name>OfficeSettings</name>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Office code:</source>
        <translation>办公室代码：</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>English na&amp;me:</source>
        <translation>英文名称(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Document prefix:</source>
        <translation>文号前缀(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Save office</source>
        <translation>保存办公室信息(&amp;S)</translation>
    </message>
    <message>
        <source>Only an administrator can change the office.</source>
        <translation>只有管理员可以修改办公室信息。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Reset the password of {name}</source>
        <translation>重置 {name} 的密码</translation>
    </message>
    <message>
        <source>Tell the user the new password; they can change it afterwards.</source>
        <translation>请将新密码告知该用户，用户之后可以自行修改。</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <source>New password &amp;again:</source>
        <translation>再次输入新密码(&amp;A)：</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>修改密码(&amp;H)</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record payment list {id} paid</source>
        <translation>登记拨付清单 {id} 已付款</translation>
    </message>
    <message>
        <source>{n} payments, {total} yuan in all. Every line is marked paid, or none is.</source>
        <translation>共 {n} 笔，合计 {total} 元。全部明细一并登记为已付款，否则一笔也不登记。</translation>
    </message>
    <message>
        <source>Paid &amp;on:</source>
        <translation>付款日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Bank &amp;reference:</source>
        <translation>银行流水号(&amp;R)：</translation>
    </message>
    <message>
        <source>Record &amp;paid</source>
        <translation>登记付款(&amp;P)</translation>
    </message>
    <message>
        <source>Record a payment</source>
        <translation>登记收款</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>款项(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Amount (yuan):</source>
        <translation>金额（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>收款日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>凭证号(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>登记(&amp;R)</translation>
    </message>
</context>
<context>
    <name>PaymentListsModel</name>
    <message>
        <source>to pay</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>List</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>扶持类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>Total (yuan)</source>
        <translation>合计（元）</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>银行流水号</translation>
    </message>
</context>
<context>
    <name>PayoutView</name>
    <message>
        <source>Publicity and payments</source>
        <translation>公示与拨付</translation>
    </message>
    <message>
        <source>Show &amp;passed and objected periods too</source>
        <translation>同时显示已结束和有异议的公示(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Open publicity</source>
        <translation>开始公示(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Close ended periods</source>
        <translation>结束期满公示(&amp;C)</translation>
    </message>
    <message>
        <source>Print &amp;list…</source>
        <translation>打印名单(&amp;L)…</translation>
    </message>
    <message>
        <source>Publicity</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>approved up &amp;to</source>
        <translation>批准日期截至(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Build list</source>
        <translation>编制清单(&amp;B)</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <source>Record ob&amp;jection…</source>
        <translation>登记异议(&amp;J)…</translation>
    </message>
    <message>
        <source>Record pai&amp;d…</source>
        <translation>登记付款(&amp;D)…</translation>
    </message>
    <message>
        <source>Cancel li&amp;st</source>
        <translation>作废清单(&amp;S)</translation>
    </message>
    <message>
        <source>Be&amp;nefit:</source>
        <translation>扶持类型(&amp;N)：</translation>
    </message>
    <message>
        <source>Payment lists</source>
        <translation>拨付清单</translation>
    </message>
    <message>
        <source>Published before their award: {benefits}, for {days} working days (weekends and the policy&apos;s holidays do not count).</source>
        <translation>须公示后方可出具通知书和拨付：{benefits}；公示期 {days} 个工作日（不含周末和政策文件所列节假日）。</translation>
    </message>
    <message>
        <source>Opened the publicity period of {n} application(s).</source>
        <translation>已对 {n} 项申请开始公示。</translation>
    </message>
    <message>
        <source>{n} publicity period(s) passed without objection.</source>
        <translation>{n} 项公示期满无异议。</translation>
    </message>
    <message>
        <source>Choose the application the objection is about.</source>
        <translation>请选择异议所涉及的申请。</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save the publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <source>Wrote {path} ({n} entries).</source>
        <translation>已写入 {path}（{n} 项）。</translation>
    </message>
    <message>
        <source>Choose a payment list first.</source>
        <translation>请先选择一份拨付清单。</translation>
    </message>
    <message>
        <source>Save the payment list</source>
        <translation>保存拨付清单</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Cancel payment list {id}? Nothing is paid by it.</source>
        <translation>作废拨付清单 {id}？该清单不会付款。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>This PDF cannot be shown.</source>
        <translation>无法显示此 PDF。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>没有可显示的内容。</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印 {title}</translation>
    </message>
    <message>
        <source>{name} exists already. Replace it?</source>
        <translation>{name} 已存在。是否覆盖？</translation>
    </message>
</context>
<context>
    <name>PolicySettings</name>
    <message>
        <source>Policy file</source>
        <translation>政策文件</translation>
    </message>
    <message>
        <source>&amp;Load a new version…</source>
        <translation>加载新版本(&amp;L)…</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>加载时间</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Active policy: {name} ({id}), version {version}</source>
        <translation>现行政策：{name}（{id}），版本 {version}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Choose a policy file</source>
        <translation>选择政策文件</translation>
    </message>
    <message>
        <source>Policy files (*.toml)</source>
        <translation>政策文件 (*.toml)</translation>
    </message>
    <message>
        <source>Policy {id} version {version} is now active.</source>
        <translation>政策 {id} 版本 {version} 已生效。</translation>
    </message>
</context>
<context>
    <name>PoolTotalDialog</name>
    <message>
        <source>Change the total of a pool</source>
        <translation>修改资金池总额</translation>
    </message>
    <message>
        <source>Pool: {pool}. It has committed {committed} yuan and disbursed {disbursed} yuan; the total cannot be less than that.</source>
        <translation>资金池：{pool}。已承诺 {committed} 元、已拨付 {disbursed} 元；总额不能低于二者之和。</translation>
    </message>
    <message>
        <source>&amp;Total (yuan):</source>
        <translation>总额（元）(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>修改(&amp;C)</translation>
    </message>
</context>
<context>
    <name>PoolsChart</name>
    <message>
        <source>Budget pools: committed, disbursed and left</source>
        <translation>预算资金池：已承诺、已拨付与剩余</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>disbursed</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <source>left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>{pool}: {part} {amount} yuan of {total} yuan</source>
        <translation>{pool}：{part} {amount} 元（共 {total} 元）</translation>
    </message>
</context>
<context>
    <name>PoolsModel</name>
    <message>
        <source>Pool</source>
        <translation>资金池</translation>
    </message>
    <message>
        <source>Total (yuan)</source>
        <translation>总额（元）</translation>
    </message>
    <message>
        <source>Committed (yuan)</source>
        <translation>已承诺（元）</translation>
    </message>
    <message>
        <source>Disbursed (yuan)</source>
        <translation>已拨付（元）</translation>
    </message>
    <message>
        <source>Released (yuan)</source>
        <translation>已释放（元）</translation>
    </message>
    <message>
        <source>Left (yuan)</source>
        <translation>剩余（元）</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用率</translation>
    </message>
</context>
<context>
    <name>PublicityModel</name>
    <message>
        <source>under publicity</source>
        <translation>公示中</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>期满无异议</translation>
    </message>
    <message>
        <source>objection</source>
        <translation>有异议</translation>
    </message>
    <message>
        <source>Appl.</source>
        <translation>申请编号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>扶持类型</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>RelatedPartiesDialog</name>
    <message>
        <source>Related parties of {name}</source>
        <translation>{name}的关联方</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Credit code (optional)</source>
        <translation>统一社会信用代码（选填）</translation>
    </message>
    <message>
        <source>Legal representative (optional)</source>
        <translation>法定代表人（选填）</translation>
    </message>
    <message>
        <source>shareholder</source>
        <translation>股东</translation>
    </message>
    <message>
        <source>affiliate</source>
        <translation>关联企业</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <source>Choose the related party to remove.</source>
        <translation>请选择要删除的关联方。</translation>
    </message>
</context>
<context>
    <name>RenewLeaseDialog</name>
    <message>
        <source>Renew a lease</source>
        <translation>续租</translation>
    </message>
    <message>
        <source>The renewal starts on {start}. A rent waiver on this lease continues on it, its months counted from the first lease.</source>
        <translation>续租自 {start} 起。该租约上的租金减免在续租期内继续，月份自首份租约起算。</translation>
    </message>
    <message>
        <source>T&amp;o (last day):</source>
        <translation>截止日期（含）(&amp;O)：</translation>
    </message>
    <message>
        <source>Monthly &amp;rent (yuan):</source>
        <translation>月租金（元）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Renew</source>
        <translation>续租(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RentView</name>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Arrears as of:</source>
        <translation>欠缴截至：</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rent due to date</source>
        <translation>应缴租金</translation>
    </message>
    <message>
        <source>Repayment due (§2.5)</source>
        <translation>应退减免（第2.5条）</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠缴</translation>
    </message>
    <message>
        <source>Unpaid since</source>
        <translation>最早欠缴月</translation>
    </message>
    <message>
        <source>Rent and arrears</source>
        <translation>租金与欠缴</translation>
    </message>
    <message>
        <source>%1 tenants owe %2 yuan in all.</source>
        <translation>共 %1 户租户欠缴，合计 %2 元。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Summary per benefit (汇总表)</source>
        <translation>扶持项目汇总表</translation>
    </message>
    <message>
        <source>Tenants and occupancy</source>
        <translation>租户与出租情况</translation>
    </message>
    <message>
        <source>Incubator statistics</source>
        <translation>孵化器统计表</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>报表(&amp;R)：</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>起始日期(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>截止日期(&amp;T)：</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Policy matching (政策匹配)</source>
        <translation>政策匹配</translation>
    </message>
</context>
<context>
    <name>RestoreBackup</name>
    <message>
        <source>Choose the backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <source>AI Town Desk backups (*.sqlite);;All files (*)</source>
        <translation>AI Town Desk 备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The backup {source} is intact and can be restored.

It will replace the database {target}: everything recorded after the backup was made is replaced by the backup&apos;s data. The current database is kept beside it as {name}.before-restore-….sqlite, so nothing is lost.

Every other desk must have closed the database. AI Town Desk closes after the restore; start it again to work in the restored database.

Restore now?</source>
        <translation>备份 {source} 完好，可以恢复。

它将替换数据库 {target}：备份之后登记的所有内容都将被备份中的数据替换。当前数据库会保留在旁边，名为 {name}.before-restore-….sqlite，不会丢失任何数据。

其他工作站必须已关闭该数据库。恢复后 AI Town Desk 将关闭；请重新启动，以使用恢复后的数据库。

现在恢复吗？</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restoring the database from the backup…</source>
        <translation>正在从备份恢复数据库…</translation>
    </message>
    <message>
        <source>The database {target} was restored from {source}.</source>
        <translation>数据库 {target} 已从 {source} 恢复。</translation>
    </message>
    <message>
        <source>The database as it was before is kept in {kept}.</source>
        <translation>恢复前的数据库保留在 {kept}。</translation>
    </message>
    <message>
        <source>AI Town Desk closes now; start it again and log in.</source>
        <translation>AI Town Desk 现在关闭，请重新启动并登录。</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return application no. {id} for correction</source>
        <translation>退回申请 {id} 补正</translation>
    </message>
    <message>
        <source>What to mend (printed on the correction notice)</source>
        <translation>需补正的内容（将印在补正通知书上）</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>退回(&amp;R)</translation>
    </message>
    <message>
        <source>Items to mend:</source>
        <translation>需补正的材料：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>RuleList</name>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Spaces and leases</source>
        <translation>空间与租约</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>公示与拨付</translation>
    </message>
    <message>
        <source>Rent</source>
        <translation>租金</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Office and language</source>
        <translation>办公室与语言(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Policy and backups</source>
        <translation>政策与备份(&amp;P)</translation>
    </message>
</context>
<context>
    <name>SpaceFormDialog</name>
    <message>
        <source>New unit</source>
        <translation>新增单元</translation>
    </message>
    <message>
        <source>&amp;Building:</source>
        <translation>楼宇(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <source>Ar&amp;ea (m²):</source>
        <translation>面积（平方米）(&amp;E)：</translation>
    </message>
    <message>
        <source>Monthly &amp;rent (yuan):</source>
        <translation>月租金（元）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Add unit</source>
        <translation>添加单元(&amp;A)</translation>
    </message>
</context>
<context>
    <name>SpacesModel</name>
    <message>
        <source>Building</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Monthly rent (yuan)</source>
        <translation>月租金（元）</translation>
    </message>
    <message>
        <source>Current team</source>
        <translation>当前团队</translation>
    </message>
    <message>
        <source>Lease ends</source>
        <translation>租约到期</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空置</translation>
    </message>
</context>
<context>
    <name>SpacesView</name>
    <message>
        <source>Ne&amp;w unit…</source>
        <translation>新增单元(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Lease to a team…</source>
        <translation>出租给团队(&amp;L)…</translation>
    </message>
    <message>
        <source>En&amp;d lease early…</source>
        <translation>提前终止租约(&amp;D)…</translation>
    </message>
    <message>
        <source>Spaces and leases</source>
        <translation>空间与租约</translation>
    </message>
    <message>
        <source>{leased} of {total} units leased today</source>
        <translation>今日已出租 {leased} / {total} 个单元</translation>
    </message>
    <message>
        <source>{team} leases {unit} from {start} to {end}.</source>
        <translation>{team} 租用 {unit}，租期 {start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>StatusChart</name>
    <message>
        <source>Applications by status</source>
        <translation>各状态申请数</translation>
    </message>
    <message>
        <source>applications</source>
        <translation>申请数</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>— choose the new status —</source>
        <translation>— 请选择新状态 —</translation>
    </message>
    <message>
        <source>&amp;New status:</source>
        <translation>新状态(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>变更(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>继续(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>The pools are this district&apos;s shares of the city&apos;s budget: none has arrived yet, so nothing can be approved until the city&apos;s first bundle is imported.</source>
        <translation>资金池为本区从市级预算中获得的份额：尚未收到份额，导入市级的第一个变更包之前无法批准任何申请。</translation>
    </message>
    <message>
        <source>The pools are this district&apos;s shares of the city&apos;s budget, as the city&apos;s bundle #{seq} of {at} set them.</source>
        <translation>资金池为本区从市级预算中获得的份额，依据市级第 {seq} 号变更包（{at}）设定。</translation>
    </message>
    <message>
        <source>The pools are the city&apos;s totals; {given} yuan of them are given to the districts as shares (see Sync).</source>
        <translation>资金池为市级总额；其中 {given} 元已作为份额分配给各区（见“同步”）。</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Last bundle received</source>
        <translation>最近收到的变更包</translation>
    </message>
    <message>
        <source>Last bundle sent</source>
        <translation>最近发出的变更包</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>对方已确认</translation>
    </message>
    <message>
        <source>Districts&apos; shares (as each last reported)</source>
        <translation>各区份额（据各区最近报告）</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>资金池</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>Disbursed</source>
        <translation>已拨付</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>This is a standalone office ({code}), not part of a city: it exchanges no bundles. An administrator can enrol it in a city with “aitown-cli init --enrol FILE”, keeping every record.</source>
        <translation>本办公室（{code}）为独立办公室，不属于任何市级，不交换变更包。管理员可用“aitown-cli init --enrol 文件”将其登记到市级，所有记录保留。</translation>
    </message>
    <message>
        <source>This is the city&apos;s office ({code}): it holds the pools&apos; totals and gives each district a share.</source>
        <translation>本办公室（{code}）为市级：掌握各资金池总额，并向各区分配份额。</translation>
    </message>
    <message>
        <source>This is district office {code} of the city {city}: it approves within the shares the city&apos;s bundles bring.</source>
        <translation>本办公室为市级 {city} 下属的区级办公室 {code}：在市级变更包带来的份额内审批。</translation>
    </message>
    <message>
        <source>Export and Import exchange bundles with the city: a standalone office has none.</source>
        <translation>导出和导入用于与市级办公室交换数据包：独立办公室没有可交换的对象。</translation>
    </message>
    <message>
        <source>Until then Export… and Import… below stay unavailable.</source>
        <translation>在此之前，下方的“导出…”和“导入…”不可用。</translation>
    </message>
    <message>
        <source>Changes waiting to be sent to the city: {n}</source>
        <translation>待发送给市级的变更：{n}</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>各区办公室</translation>
    </message>
    <message>
        <source>The city</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>#{seq}</source>
        <translation>第 {seq} 号</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>尚未报告</translation>
    </message>
    <message>
        <source>Conflicts between offices: {n} open</source>
        <translation>办公室之间的冲突：{n} 项待处理</translation>
    </message>
    <message>
        <source>#{seq}, {at}</source>
        <translation>第 {seq} 号，{at}</translation>
    </message>
    <message>
        <source>Choose the district the bundle is for.</source>
        <translation>请选择接收变更包的区级办公室。</translation>
    </message>
    <message>
        <source>Save the bundle for {office}</source>
        <translation>保存发给 {office} 的变更包</translation>
    </message>
    <message>
        <source>Change bundles (*.zip)</source>
        <translation>变更包 (*.zip)</translation>
    </message>
    <message>
        <source>Wrote bundle {seq} for {office} ({n} records) to {path}.</source>
        <translation>已将发给 {office} 的第 {seq} 号变更包（{n} 条记录）写入 {path}。</translation>
    </message>
    <message>
        <source>A copy is kept in {path}.</source>
        <translation>副本保存在 {path}。</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在写入变更包…</translation>
    </message>
    <message>
        <source>Choose a bundle to import</source>
        <translation>选择要导入的变更包</translation>
    </message>
    <message>
        <source>Importing the bundle…</source>
        <translation>正在导入变更包…</translation>
    </message>
    <message>
        <source>Bundle {seq} from {office} was already imported; nothing changed.</source>
        <translation>来自 {office} 的第 {seq} 号变更包此前已导入，未作任何更改。</translation>
    </message>
    <message>
        <source>Imported bundle {seq} from {office} ({n} records).</source>
        <translation>已导入来自 {office} 的第 {seq} 号变更包（{n} 条记录）。</translation>
    </message>
    <message>
        <source>{n} new conflicts between offices: see the list below.</source>
        <translation>新发现办公室之间的冲突 {n} 项：见下方列表。</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>TeamApplicationsModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>扶持类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Contract (yuan)</source>
        <translation>合同金额（元）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
</context>
<context>
    <name>TeamApplicationsTab</name>
    <message>
        <source>Record, review and approve applications in the Applications screen.</source>
        <translation>请在“申请”页面登记、审核和批准申请。</translation>
    </message>
    <message>
        <source>Record appli&amp;cation…</source>
        <translation>登记申请(&amp;C)…</translation>
    </message>
    <message>
        <source>Ma&amp;terials…</source>
        <translation>材料(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>TeamDetailWindow</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>变更状态(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>基本信息(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>成员(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Leases and rent waiver</source>
        <translation>租约与租金减免(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Rent</source>
        <translation>租金(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Applications</source>
        <translation>申请(&amp;A)</translation>
    </message>
    <message>
        <source>El&amp;igibility</source>
        <translation>资格审查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Notices</source>
        <translation>通知书(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Team: {name}</source>
        <translation>团队：{name}</translation>
    </message>
</context>
<context>
    <name>TeamEligibilityTab</name>
    <message>
        <source>Check a&amp;gain</source>
        <translation>重新检查(&amp;G)</translation>
    </message>
    <message>
        <source>Benefit / clause</source>
        <translation>扶持类型 / 条款</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>{n} eligible now</source>
        <translation>目前符合{n}项</translation>
    </message>
    <message>
        <source>{n} need facts</source>
        <translation>待补信息{n}项</translation>
    </message>
    <message>
        <source>{n} already held</source>
        <translation>已享受{n}项</translation>
    </message>
    <message>
        <source>{n} not eligible</source>
        <translation>不符合{n}项</translation>
    </message>
    <message>
        <source>needs facts</source>
        <translation>待补信息</translation>
    </message>
    <message>
        <source>missing: {facts}</source>
        <translation>缺少：{facts}</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>policy {policy} {version}</source>
        <translation>政策 {policy} {version}</translation>
    </message>
    <message>
        <source>held (application {id})</source>
        <translation>已享受（申请{id}）</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>TeamFormDialog</name>
    <message>
        <source>Edit team</source>
        <translation>修改团队</translation>
    </message>
    <message>
        <source>New team</source>
        <translation>新建团队</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91310104MA1FL8XQ36</source>
        <translation>18位，例如 91310104MA1FL8XQ36</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>&amp;Chinese name:</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <source>Credit code (&amp;USCC):</source>
        <translation>统一社会信用代码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Legal representative:</source>
        <translation>法定代表人(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Founded on:</source>
        <translation>成立日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>所在区(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Headcount:</source>
        <translation>人数(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;AI focus:</source>
        <translation>人工智能方向(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>邮箱(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s) already registered with this name:</source>
        <translation>
            <numerusform>已有 %n 个团队登记了同样的名称：</numerusform>
        </translation>
    </message>
    <message>
        <source>Is this a different company of the same name? Yes saves it; No goes back to the form.</source>
        <translation>这是另一家同名公司吗？选“是”保存；选“否”返回表单。</translation>
    </message>
    <message>
        <source>Same name</source>
        <translation>名称相同</translation>
    </message>
</context>
<context>
    <name>TeamLeasesTab</name>
    <message>
        <source>Blue: leased · grey: ended early · dark green: rent waived in full · light green: half waived · red line: today</source>
        <translation>蓝色：租期 · 灰色：提前终止 · 深绿：全额减免 · 浅绿：减半 · 红线：今天</translation>
    </message>
    <message>
        <source>Lease a &amp;unit…</source>
        <translation>出租单元(&amp;U)…</translation>
    </message>
    <message>
        <source>En&amp;d lease early…</source>
        <translation>提前终止租约(&amp;D)…</translation>
    </message>
    <message>
        <source>Rene&amp;w…</source>
        <translation>续租(&amp;W)…</translation>
    </message>
    <message>
        <source>Hand-o&amp;ver…</source>
        <translation>交接(&amp;V)…</translation>
    </message>
    <message>
        <source>No leases yet.</source>
        <translation>尚无租约。</translation>
    </message>
    <message>
        <source>Lease of {unit} from {start} to {end}.</source>
        <translation>{unit} 的租约，租期 {start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>TeamMembersTab</name>
    <message>
        <source>A&amp;dd member…</source>
        <translation>添加成员(&amp;D)…</translation>
    </message>
    <message>
        <source>Edit mem&amp;ber…</source>
        <translation>修改成员(&amp;B)…</translation>
    </message>
    <message>
        <source>Identity-card numbers and phone numbers are masked for your role.</source>
        <translation>按您的角色权限，身份证号和电话号码已脱敏显示。</translation>
    </message>
</context>
<context>
    <name>TeamNoticesTab</name>
    <message>
        <source>Document number</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知书</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
</context>
<context>
    <name>TeamPicker</name>
    <message>
        <source>Type a name, credit code or legal representative</source>
        <translation>输入名称、信用代码或法定代表人</translation>
    </message>
</context>
<context>
    <name>TeamProfileTab</name>
    <message>
        <source>Chinese name:</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <source>English name:</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <source>Credit code:</source>
        <translation>统一社会信用代码：</translation>
    </message>
    <message>
        <source>Legal representative:</source>
        <translation>法定代表人：</translation>
    </message>
    <message>
        <source>Founded on:</source>
        <translation>成立日期：</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>所在区：</translation>
    </message>
    <message>
        <source>Headcount:</source>
        <translation>人数：</translation>
    </message>
    <message>
        <source>AI focus:</source>
        <translation>人工智能方向：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Admitted on:</source>
        <translation>入驻日期：</translation>
    </message>
    <message>
        <source>Left on:</source>
        <translation>离开日期：</translation>
    </message>
    <message>
        <source>Dishonesty list:</source>
        <translation>严重失信名单：</translation>
    </message>
    <message>
        <source>Related parties:</source>
        <translation>关联方：</translation>
    </message>
    <message>
        <source>Record the check…</source>
        <translation>登记核查结果…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>{code} (division {division})</source>
        <translation>{code}（行政区划 {division}）</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>尚未核查</translation>
    </message>
    <message>
        <source>listed as seriously dishonest</source>
        <translation>已列入严重失信名单</translation>
    </message>
    <message>
        <source>not listed</source>
        <translation>未列入</translation>
    </message>
    <message>
        <source>shareholder</source>
        <translation>股东</translation>
    </message>
    <message>
        <source>affiliate</source>
        <translation>关联企业</translation>
    </message>
</context>
<context>
    <name>TeamRentTab</name>
    <message>
        <source>Save s&amp;tatement as PDF…</source>
        <translation>对账单存为 PDF(&amp;T)…</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>Record a pa&amp;yment…</source>
        <translation>登记收款(&amp;Y)…</translation>
    </message>
    <message>
        <source>Save re&amp;ceipt as PDF…</source>
        <translation>收据存为 PDF(&amp;C)…</translation>
    </message>
    <message>
        <source>Statement for (YYYY-MM):</source>
        <translation>对账单月份（YYYY-MM）：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>验证码</translation>
    </message>
    <message>
        <source>Payments, deposits and amounts due on the account:</source>
        <translation>租金账户的收款、押金及应收款：</translation>
    </message>
    <message>
        <source>Brought forward: %1 yuan</source>
        <translation>上期结转欠缴：%1 元</translation>
    </message>
    <message>
        <source>No rent billed this month.</source>
        <translation>本月无应缴租金。</translation>
    </message>
    <message>
        <source>Arrears at the end of the month: %1 yuan</source>
        <translation>期末欠缴：%1 元</translation>
    </message>
    <message>
        <source>Deposit held: %1 yuan</source>
        <translation>押金余额：%1 元</translation>
    </message>
    <message>
        <source>Verification code: %1</source>
        <translation>验证码：%1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>存为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>TeamsModel</name>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Headcount</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>AI focus</source>
        <translation>人工智能方向</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TeamsView</name>
    <message>
        <source>Search by name, credit code or legal representative (Ctrl+F)</source>
        <translation>按名称、信用代码或法定代表人搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>所在区(&amp;D)：</translation>
    </message>
    <message>
        <source>AI f&amp;ocus:</source>
        <translation>方向(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;New team…</source>
        <translation>新建团队(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>O&amp;pen</source>
        <translation>打开(&amp;P)</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Choose a team in the list first.</source>
        <translation>请先在列表中选择一个团队。</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区</translation>
    </message>
    <message>
        <source>All AI focus</source>
        <translation>全部方向</translation>
    </message>
    <message numerus="yes">
        <source>%n team(s)</source>
        <translation>
            <numerusform>共 %n 个团队</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n team(s)</source>
        <translation>
            <numerusform>约 %n 个团队</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TenancyView</name>
    <message>
        <source>Unit boa&amp;rd</source>
        <translation>单元看板(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Units and leases</source>
        <translation>单元与租约(&amp;U)</translation>
    </message>
    <message>
        <source>Leases ending s&amp;oon</source>
        <translation>即将到期(&amp;O)</translation>
    </message>
    <message>
        <source>Spaces and leases</source>
        <translation>空间与租约</translation>
    </message>
</context>
<context>
    <name>UnitBoardView</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Building:</source>
        <translation>楼宇(&amp;B)：</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>Area from (m²):</source>
        <translation>面积（㎡）从：</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>Click a unit to see its leases.</source>
        <translation>点击单元查看其租约记录。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Rent / month</source>
        <translation>月租金</translation>
    </message>
    <message>
        <source>&amp;Lease…</source>
        <translation>出租(&amp;L)…</translation>
    </message>
    <message>
        <source>Re&amp;serve…</source>
        <translation>预留(&amp;S)…</translation>
    </message>
    <message>
        <source>Under re&amp;pair…</source>
        <translation>设为维修(&amp;P)…</translation>
    </message>
    <message>
        <source>L&amp;ift</source>
        <translation>解除(&amp;I)</translation>
    </message>
    <message>
        <source>Re&amp;new lease…</source>
        <translation>续租(&amp;N)…</translation>
    </message>
    <message>
        <source>Hand-o&amp;ver…</source>
        <translation>交接(&amp;V)…</translation>
    </message>
    <message>
        <source>Timeline of the unit</source>
        <translation>单元时间线</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼宇</translation>
    </message>
    <message>
        <source>On {day}: {vacant} vacant, {reserved} reserved, {leased} leased, {repair} under repair; {shown} of {total} units shown</source>
        <translation>{day}：空置 {vacant}，预留 {reserved}，出租 {leased}，维修 {repair}；显示 {shown}/{total} 个单元</translation>
    </message>
    <message>
        <source>No unit matches these filters.</source>
        <translation>没有符合筛选条件的单元。</translation>
    </message>
    <message>
        <source>{unit}: {area} m², {rent} yuan a month — {state} on {day}</source>
        <translation>{unit}：{area} ㎡，月租金 {rent} 元——{day} {state}</translation>
    </message>
    <message>
        <source>until lifted</source>
        <translation>至解除为止</translation>
    </message>
    <message>
        <source>lease no. {id}</source>
        <translation>租约 {id}</translation>
    </message>
    <message>
        <source>(renewal)</source>
        <translation>（续租）</translation>
    </message>
    <message>
        <source>(ended early)</source>
        <translation>（提前终止）</translation>
    </message>
    <message>
        <source>{team} leases {unit} from {start} to {end}.</source>
        <translation>{team}承租{unit}，租期 {start} 至 {end}。</translation>
    </message>
</context>
<context>
    <name>UnitHoldDialog</name>
    <message>
        <source>Reserve a unit</source>
        <translation>预留单元</translation>
    </message>
    <message>
        <source>Unit under repair</source>
        <translation>单元维修</translation>
    </message>
    <message>
        <source>empty: until lifted</source>
        <translation>留空：至解除为止</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>开始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Until (last day):</source>
        <translation>截止日期（含）(&amp;U)：</translation>
    </message>
    <message>
        <source>For &amp;team (optional):</source>
        <translation>预留给团队（可选）(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Reserve</source>
        <translation>预留(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Mark under repair</source>
        <translation>设为维修(&amp;M)</translation>
    </message>
</context>
<context>
    <name>UnitTile</name>
    <message>
        <source>lease until {day}</source>
        <translation>租期至 {day}</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
</context>
<context>
    <name>UsersSettings</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <source>Change ro&amp;le…</source>
        <translation>更改角色(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Change my password…</source>
        <translation>修改我的密码(&amp;C)…</translation>
    </message>
    <message>
        <source>You are logged in as {name} ({role}).</source>
        <translation>您以 {name}（{role}）身份登录。</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>启用(&amp;T)</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of {name}:</source>
        <translation>{name}的角色：</translation>
    </message>
    <message>
        <source>Deactivate {name}? The account can no longer log in, and a session left open stops at its next change. Its records and history stay.</source>
        <translation>停用 {name}？该账户将无法登录，已打开的会话在下一次修改时停止。其记录和历史保留。</translation>
    </message>
</context>
</TS>
