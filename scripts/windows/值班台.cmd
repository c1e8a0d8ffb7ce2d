@echo off
rem Opens the duty desk in Windows Terminal when present, else in this console, with UTF-8.
chcp 65001 >nul
cd /d "%~dp0"
where wt >nul 2>nul
if %errorlevel%==0 (
  start "" wt -d "%~dp0" "%~dp0zhifa-desk.exe" %*
) else (
  "%~dp0zhifa-desk.exe" --ascii %*
)
