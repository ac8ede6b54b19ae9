# Build AI Town Desk for Windows: the PyInstaller one-folder bundle (the same packaging\aitown.spec
# as on Linux), a portable zip and the per-user Inno Setup installer.
#
# NOT built or tested by this project's CI, which runs on Linux only: run it on a Windows 10/11
# x64 machine with Python 3.11 (python.org installer, "py" launcher) and Inno Setup 6. See
# docs/install.md, "Building the Windows packages".
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Output in build\packages\: aitown-desk-<version>-windows-x64.zip and
# aitown-desk-<version>-windows-x64-setup.exe.
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root

# Python 3.11 with PySide6 6.11 (the pins in pyproject.toml take 6.11 on 3.11), in its own venv.
$Venv = Join-Path $Root ".venv-windows"
if (-not (Test-Path "$Venv\Scripts\python.exe")) {
    py -3.11 -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11 is needed: install it from python.org (64-bit) with the py launcher" }
}
$Python = "$Venv\Scripts\python.exe"
& $Python -m pip install --disable-pip-version-check -q ".[postgresql]" -r packaging\requirements.txt
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
& $Python -c "import sys; from importlib.metadata import version; sys.exit(sys.version_info[:2] != (3, 11) or not version('pyside6-essentials').startswith('6.11.'))"
if ($LASTEXITCODE -ne 0) { throw "the venv is not Python 3.11 with PySide6 6.11" }
$Version = & $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"

# Icons (the .ico of the executables and the installer), then the bundle.
& $Python packaging\make_icons.py build\icons
if ($LASTEXITCODE -ne 0) { throw "make_icons failed" }
if (Test-Path build\dist\aitown) { Remove-Item -Recurse -Force build\dist\aitown }
& $Python -m PyInstaller --noconfirm --clean --log-level WARN --workpath build\pyinstaller --distpath build\dist packaging\aitown.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& build\dist\aitown\aitown-cli.exe --help | Out-Null
if ($LASTEXITCODE -ne 0) { throw "the bundled aitown-cli.exe --help failed" }

# Portable zip: the same folder, unpacked anywhere (the data still goes to %LOCALAPPDATA%).
New-Item -ItemType Directory -Force build\packages | Out-Null
$Zip = "build\packages\aitown-desk-$Version-windows-x64.zip"
if (Test-Path $Zip) { Remove-Item -Force $Zip }
$Portable = "build\portable\aitown-desk-$Version"
if (Test-Path build\portable) { Remove-Item -Recurse -Force build\portable }
New-Item -ItemType Directory -Force $Portable | Out-Null
Copy-Item -Recurse build\dist\aitown\* $Portable
Compress-Archive -Path $Portable -DestinationPath $Zip

# The installer (Inno Setup 6, per user or per machine installation of Inno itself).
$Iscc = @(
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe",
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org" }
& $Iscc "/DAppVersion=$Version" packaging\windows\aitown.iss
if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
Get-ChildItem build\packages | Format-Table Name, Length
