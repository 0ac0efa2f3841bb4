; Inno Setup 6 script: a per-user installer of the one-folder build in dist\pcaet.
;
; Build on Windows, from the repository root, after `make package` (or the pyinstaller command
; in the "Packaging" section of README.md), with Inno Setup 6.1 or later:
;     iscc /DAppVersion=0.1.0 packaging\windows\pcaet.iss
; (without /DAppVersion, the version is read from pcaet-desktop.exe's version resource, which the
; spec writes from pyproject.toml). The installer is written to
; dist\installer\pcaet-desktop-<version>-setup.exe.
;
; - No administrator rights needed: installs into %LOCALAPPDATA%\Programs\PCAET and registers
;   everything under HKEY_CURRENT_USER (an administrator may still choose "all users").
; - Start-menu entry; optional desktop shortcut.
; - .pcaet files (the store) open in pcaet-desktop; pcaet.exe (the command line) is installed
;   beside it.
; - The uninstaller removes the program only: the stores, backups and logs in
;   %LOCALAPPDATA%\pcaet\pcaet-desktop (or the data folder of a portable install) are kept.

#define AppName "PCAET Desktop"
#define AppExe "pcaet-desktop.exe"
#define CliExe "pcaet.exe"
; Relative to this script's folder, like every Source path below.
#define SourceDir "..\..\dist\pcaet"
#define StoreExt ".pcaet"
#define StoreProgId "PCAET.Store"
#if !FileExists(AddBackslash(SourcePath) + SourceDir + "\" + AppExe) || !FileExists(AddBackslash(SourcePath) + SourceDir + "\" + CliExe)
  #error dist\pcaet holds no build: run `make package` (PyInstaller) on Windows first
#endif
#ifndef AppVersion
  ; The version resource the spec writes from pyproject.toml.
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + SourceDir + "\" + AppExe)
#endif

[Setup]
; Keep this AppId for every release: upgrades replace the previous install in place.
AppId={{4EDF3D76-8A43-47D4-B158-3F7F49E1A089}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=PCAET
VersionInfoVersion={#AppVersion}
; Per-user by default: {autopf} is %LOCALAPPDATA%\Programs when not elevated.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\PCAET
DefaultGroupName=PCAET
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=pcaet-desktop-{#AppVersion}-setup
SetupIconFile=..\icons\pcaet.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running copy first, so no file of the old version is left in use.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"

[CustomMessages]
fr.DataKept=Vos données (registres .pcaet, sauvegardes, journaux) sont conservées dans %1.
en.DataKept=Your data (.pcaet stores, backups, logs) is kept in %1.
nl.DataKept=Uw gegevens (.pcaet-bestanden, back-ups, logboeken) blijven bewaard in %1.
fr.StoreType=Registre PCAET
en.StoreType=PCAET store
nl.StoreType=PCAET-bestand

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the runtime whole: no module of the previous version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER for a per-user install, HKEY_LOCAL_MACHINE for an all-users one.
Root: HKA; Subkey: "Software\Classes\{#StoreExt}"; ValueType: string; ValueName: ""; ValueData: "{#StoreProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#StoreExt}\OpenWithProgids"; ValueType: string; ValueName: "{#StoreProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:StoreType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#StoreExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Nothing under [UninstallDelete]: the uninstaller removes only the files it installed. The data
; folder is elsewhere (%LOCALAPPDATA%\pcaet\pcaet-desktop); a portable install's {app}\data and
; {app}\portable were not installed by this setup, so they stay too.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\pcaet\pcaet-desktop')]),
      mbInformation, MB_OK);
end;
