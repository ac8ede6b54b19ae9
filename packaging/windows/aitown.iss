; Inno Setup 6 script of AI Town Desk: a per-user installer (no administrator rights).
;
; Built by packaging\windows\build.ps1 after PyInstaller has made build\dist\aitown\ from the same
; packaging\aitown.spec as on Linux:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\aitown.iss
; Output: build\packages\aitown-desk-<version>-windows-x64-setup.exe
;
; The program goes to %LOCALAPPDATA%\Programs\AI Town Desk; the data (database, backups, logs,
; settings) stays where platformdirs puts it, %LOCALAPPDATA%\aitown\aitown-desk, which neither an
; update nor the uninstaller touches. A newer installer replaces the program files in place (same
; AppId); the application upgrades the database on its next start after taking a backup.

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=MAJOR.MINOR.PATCH packaging\windows\aitown.iss
#endif
#define AppName "AI Town Desk"
#define SourceDir "..\..\build\dist\aitown"

[Setup]
; Never change the AppId: it is how an update finds the installed copy.
AppId={{6F0C9E4B-3B1A-4D52-9C7E-5A1D2B8E4F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=AI Town Desk
VersionInfoVersion={#AppVersion}.0
; Per user: no UAC prompt, nothing written for other users or the machine.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Windows 10 1809 or newer, 64-bit (Qt 6 needs both).
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\packages
OutputBaseFilename=aitown-desk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\aitown.ico
UninstallDisplayIcon={app}\aitown.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update while the desk is open: ask to close it first (Restart Manager).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Chinese set-up texts, where this Inno Setup has the (unofficial) translation file installed.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Files]
; The whole one-folder bundle: aitown.exe, aitown-cli.exe and _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update removes the previous bundle's libraries first, so no stale file lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\aitown.exe"; WorkingDir: "{userdocs}"
; A command prompt in the program folder, where aitown-cli.exe is, showing its help.
Name: "{autoprograms}\{#AppName} command line"; Filename: "{cmd}"; Parameters: "/k aitown-cli --help"; \
  WorkingDir: "{app}"; Comment: "A command prompt with aitown-cli"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\aitown.exe"; WorkingDir: "{userdocs}"; \
  Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; \
  Flags: unchecked

[Run]
Filename: "{app}\aitown.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed; the user's data in
; %LOCALAPPDATA%\aitown\aitown-desk stays.
